// The buttons of a post that open a form ("Edit", "Report") in a panel under the row of buttons, with a Cancel
// beside the form's submit button.

import { type Child, h, replaceContent } from '../shell/dom'
import { button } from '../shell/govuk'

/** A small secondary button that shows and hides `panel` (a form under the row of buttons), saying which it does. */
export function disclosureButton(content: Child, panel: HTMLElement, id: string): HTMLButtonElement {
  panel.id = `${id}-panel`
  const control = button(content, { type: 'button', variant: 'secondary', small: true })
  control.setAttribute('aria-expanded', 'false')
  control.setAttribute('aria-controls', panel.id)
  return control
}

export function openPanel(control: HTMLButtonElement, panel: HTMLElement, ...content: Child[]): void {
  replaceContent(panel, ...content)
  panel.hidden = false
  control.setAttribute('aria-expanded', 'true')
}

export function closePanel(control: HTMLButtonElement, panel: HTMLElement): void {
  panel.hidden = true
  control.setAttribute('aria-expanded', 'false')
}

/** Puts a "Cancel" button beside the form's submit button, which closes the form without sending it. */
export function withCancel(form: HTMLFormElement, cancel: () => void): void {
  const submit = form.querySelector('button[type="submit"]')
  if (!submit) return
  const control = button('Cancel', { type: 'button', variant: 'secondary' })
  control.addEventListener('click', cancel)
  const group = h('div', { class: 'govuk-button-group' })
  submit.replaceWith(group)
  group.append(submit, control)
}
