// The GOV.UK date input: day, month and year in one fieldset, read as the YYYY-MM-DD day the API takes (a day in
// Europe/London, with no time zone to work out). Whether it is a real date is the server's to say.

import { h } from '../shell/dom'
import { dateInputItem } from '../shell/date-input-item'
import type { Field } from '../shell/fields'

export interface DateField extends Field {
  /** What was entered, as YYYY-MM-DD (the parts as typed, zero-padded); empty when nothing was. */
  value(): string
  /** What is missing, in the GOV.UK words ("Enter the date it is due", "… must include a month"); null if nothing. */
  missing(): string | null
}

export interface DateOptions {
  id: string
  legend: string
  legendClass?: string
  hint: string
  /** The date the error messages are about, at the start of a sentence: "Date of the meeting". */
  subject: string
  /** What to ask for when nothing was entered: "the date of the meeting". */
  asked: string
  /** The day to show at first, as YYYY-MM-DD. */
  value?: string
}

export function dateField(options: DateOptions): DateField {
  const initial = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.value ?? '')
  const hintId = `${options.id}-hint`
  const errorId = `${options.id}-error`
  const input = (part: 'day' | 'month' | 'year', width: string, value: string | undefined): HTMLInputElement => {
    const element = h('input', {
      class: `govuk-input govuk-date-input__input ${width}`,
      id: part === 'day' ? options.id : `${options.id}-${part}`,
      name: `${options.id}-${part}`,
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
    })
    element.value = value ?? ''
    return element
  }
  const day = input('day', 'govuk-input--width-2', initial ? String(Number(initial[3])) : undefined)
  const month = input('month', 'govuk-input--width-2', initial ? String(Number(initial[2])) : undefined)
  const year = input('year', 'govuk-input--width-4', initial?.[1])
  const dateInput = h(
    'div',
    { class: 'govuk-date-input', id: `${options.id}-date-input` },
    dateInputItem(day, 'Day'),
    dateInputItem(month, 'Month'),
    dateInputItem(year, 'Year'),
  )
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', role: 'group', 'aria-describedby': hintId },
    h(
      'legend',
      { class: `govuk-fieldset__legend ${options.legendClass ?? 'govuk-fieldset__legend--s'}` },
      options.legend,
    ),
    h('div', { id: hintId, class: 'govuk-hint' }, options.hint),
    dateInput,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  const parts = (): [string, string, string] => [day.value.trim(), month.value.trim(), year.value.trim()]

  let message: HTMLElement | null = null
  return {
    element: group,
    focusId: day.id,
    value() {
      const [d, m, y] = parts()
      if (!d && !m && !y) return ''
      return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
    },
    missing() {
      const [d, m, y] = parts()
      if (!d && !m && !y) return `Enter ${options.asked}`
      const absent = [!d && 'a day', !m && 'a month', !y && 'a year'].filter((part) => part !== false)
      if (absent.length === 0) return null
      return `${options.subject} must include ${absent.join(' and ')}`
    },
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      for (const control of [day, month, year]) control.classList.toggle('govuk-input--error', text !== null)
      fieldset.setAttribute('aria-describedby', text === null ? hintId : `${hintId} ${errorId}`)
      if (text === null) return
      message = h(
        'p',
        { id: errorId, class: 'govuk-error-message' },
        h('span', { class: 'govuk-visually-hidden' }, 'Error:'),
        ` ${text}`,
      )
      dateInput.before(message)
    },
  }
}
