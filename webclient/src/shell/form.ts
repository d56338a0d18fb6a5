// Shows the outcome of a form: the GOV.UK error summary with inline errors, or a success notification banner, in a
// message area at the top of the page.

import { ApiProblem } from '../api'
import { type Child, h, replaceContent } from './dom'
import type { Field } from './fields'
import { button, initComponents } from './govuk'
import { setTitleError } from './layout'
import { type BannerOptions, type ErrorItem, errorSummary, notificationBanner } from './notices'

export interface FormError {
  /** The key of the field in the form's field map; empty for a problem with the whole form. */
  field: string
  message: string
}

/** The slot above the h1 where GOV.UK puts the error summary and notification banners. */
export class MessageArea {
  readonly element: HTMLElement = document.createElement('div')

  /** Shows the error summary (which takes focus) and the inline errors of each field. */
  showErrors(fields: Readonly<Record<string, Field>>, errors: readonly FormError[]): void {
    for (const [key, field] of Object.entries(fields)) {
      field.setError(errors.find((error) => error.field === key)?.message ?? null)
    }
    const items: ErrorItem[] = errors.map((error) => {
      const field = fields[error.field]
      return field ? { text: error.message, href: `#${field.focusId}` } : { text: error.message }
    })
    this.show(errorSummary(items))
    setTitleError(true)
  }

  /** Shows a notification banner (a success banner takes focus) and clears any errors. */
  showBanner(fields: Readonly<Record<string, Field>>, options: BannerOptions): void {
    for (const field of Object.values(fields)) field.setError(null)
    this.show(notificationBanner(options))
    setTitleError(false)
  }

  /** Takes away a notification banner once the user has gone on to something else; errors stay with their form. */
  clearBanner(): void {
    if (this.element.querySelector('.govuk-notification-banner')) replaceContent(this.element)
  }

  clear(fields: Readonly<Record<string, Field>>): void {
    for (const field of Object.values(fields)) field.setError(null)
    replaceContent(this.element)
    setTitleError(false)
  }

  private show(content: HTMLElement): void {
    replaceContent(this.element, content)
    // Before the page is on screen the router starts the components (and the focus) when it shows the page.
    if (this.element.isConnected) initComponents(this.element)
  }
}

/** The field key of a server error: "roles[0]" and "/roles/0" both belong to the field "roles". */
export function fieldKey(serverField: string): string {
  return serverField.replace(/^\//, '').split(/[/[.]/)[0] ?? ''
}

/**
 * Turns the server's field errors into form errors. `messages` replaces the server's wording where the form has
 * plainer words for a field; fields the form does not show become messages about the whole form.
 */
export function formErrors(
  problem: ApiProblem,
  fields: Readonly<Record<string, Field>>,
  messages: Readonly<Record<string, string>> = {},
): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = fieldKey(error.field)
    if (!(key in fields)) errors.push({ field: '', message: error.message })
    // GOV.UK shows one message per field: the first one the server gave.
    else if (!errors.some((known) => known.field === key))
      errors.push({ field: key, message: messages[key] ?? error.message })
  }
  if (errors.length > 0) return errors
  return [{ field: '', message: problem.detail || problem.title }]
}

const serviceProblem = 'Sorry, there is a problem with the service. Try again later.'

export interface FormBehaviour {
  fields: Readonly<Record<string, Field>>
  /** What the form shows before its button, when it is more than the fields one after another (headings, text). */
  content?: Child
  area: MessageArea
  submitLabel: string
  /** A warning button for a form whose one action cannot be undone (withdrawing, deleting). */
  submitVariant?: 'secondary' | 'warning'
  /** A link beside the button that leaves without doing anything. */
  cancel?: { href: string; text: string }
  /** Checks the answers before anything is sent; when it finds errors they are shown instead. */
  check: () => FormError[]
  /** Sends the answers and acts on success (go to another page, or show a banner). */
  send: () => Promise<void>
  /** The errors for a problem the server answered with; null for the usual: field errors on 422, else a notice. */
  problemErrors?: (problem: ApiProblem) => FormError[] | null
}

/**
 * A GOV.UK form that posts through the API: real named fields (password managers, paste), a check before
 * sending, the button disabled while the request is under way, and the server's problems shown as form errors.
 */
export function apiForm(behaviour: FormBehaviour): HTMLFormElement {
  const submit = button(behaviour.submitLabel, behaviour.submitVariant ? { variant: behaviour.submitVariant } : {})
  const cancel = behaviour.cancel
  const form = h(
    'form',
    { method: 'post', novalidate: true },
    behaviour.content ?? Object.values(behaviour.fields).map((field) => field.element),
    cancel
      ? h(
          'div',
          { class: 'govuk-button-group' },
          submit,
          h('a', { class: 'govuk-link', href: cancel.href }, cancel.text),
        )
      : submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const errors = behaviour.check()
    if (errors.length > 0) {
      behaviour.area.showErrors(behaviour.fields, errors)
      return
    }
    submit.disabled = true
    behaviour
      .send()
      .catch((error: unknown) => behaviour.area.showErrors(behaviour.fields, errorsFor(error, behaviour)))
      .finally(() => {
        submit.disabled = false
      })
  })
  return form
}

function errorsFor(error: unknown, behaviour: FormBehaviour): FormError[] {
  if (!(error instanceof ApiProblem)) {
    console.error(error)
    return [{ field: '', message: serviceProblem }]
  }
  const specific = behaviour.problemErrors?.(error)
  if (specific) return specific
  if (error.status === 422) return formErrors(error, behaviour.fields)
  if (error.isServiceFailure) return [{ field: '', message: serviceProblem }]
  return [{ field: '', message: error.detail || error.title }]
}
