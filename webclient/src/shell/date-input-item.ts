// A GOV.UK date input's day, month or year box with its label, for the forms that ask for a date.

import { h } from './dom'

/** One of a GOV.UK date input's boxes (day, month or year) with its label. */
export function dateInputItem(control: HTMLInputElement, label: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-date-input__item' },
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-date-input__label', for: control.id }, label),
      control,
    ),
  )
}
