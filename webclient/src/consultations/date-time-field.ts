// A date and time in UK time: the GOV.UK date input (day, month, year) and a time box in one fieldset, read as an
// RFC 3339 time in UTC for the API. People enter "5pm" or "17:00"; British Summer Time is worked out here.

import { timeWords, ukTimeZone } from '../shell/dates'
import { h } from '../shell/dom'
import { dateInputItem } from '../shell/date-input-item'
import type { Field } from '../shell/fields'

export interface DateTimeField extends Field {
  /** The time as RFC 3339 UTC, or null while it is incomplete or not a real date and time. */
  value(): string | null
  /** What is wrong with what was entered, in words for the person entering it; null when it is fine. */
  problem(): string | null
}

export interface DateTimeOptions {
  id: string
  legend: string
  /** What to ask for when nothing was entered: "the date and time it opens". */
  missing: string
  /** The moment to show at first, as RFC 3339. */
  value?: string | null
}

export function dateTimeField(options: DateTimeOptions): DateTimeField {
  const initial = options.value ? londonParts(new Date(options.value)) : null
  const hintId = `${options.id}-hint`
  const errorId = `${options.id}-error`
  const input = (part: string, width: string, value: string): HTMLInputElement => {
    const element = h('input', {
      class: `govuk-input govuk-date-input__input ${width}`,
      id: part === 'day' ? options.id : `${options.id}-${part}`,
      name: `${options.id}-${part}`,
      type: 'text',
      inputmode: 'numeric',
    })
    element.value = value
    return element
  }
  const day = input('day', 'govuk-input--width-2', initial ? String(initial.day) : '')
  const month = input('month', 'govuk-input--width-2', initial ? String(initial.month) : '')
  const year = input('year', 'govuk-input--width-4', initial ? String(initial.year) : '')
  const time = h('input', {
    class: 'govuk-input govuk-input--width-5',
    id: `${options.id}-time`,
    name: `${options.id}-time`,
    type: 'text',
    spellcheck: 'false',
  })
  time.value = options.value ? timeWords(options.value) : ''
  const dateInput = h(
    'div',
    { class: 'govuk-date-input' },
    dateInputItem(day, 'Day'),
    dateInputItem(month, 'Month'),
    dateInputItem(year, 'Year'),
  )
  const timeGroup = h(
    'div',
    { class: 'govuk-!-margin-top-3' },
    h('label', { class: 'govuk-label', for: time.id }, 'Time'),
    time,
  )
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', role: 'group', 'aria-describedby': hintId },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, options.legend),
    h('div', { id: hintId, class: 'govuk-hint' }, 'UK time. For example, 3 12 2026 and 5pm'),
    dateInput,
    timeGroup,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)

  const read = (): { moment: Date | null; problem: string | null } => {
    const [d, m, y] = [day, month, year].map((control) => control.value.trim())
    if (!d && !m && !y && !time.value.trim()) return { moment: null, problem: `Enter ${options.missing}` }
    const numbers = [d, m, y].map((text) => (/^\d{1,4}$/.test(text ?? '') ? Number(text) : NaN))
    const [dn, mn, yn] = numbers as [number, number, number]
    if (numbers.some(Number.isNaN) || yn < 2000 || yn > 2100 || !isRealDate(yn, mn, dn)) {
      return { moment: null, problem: 'Enter a real date, like 3 12 2026' }
    }
    const clock = parseTime(time.value)
    if (!clock) return { moment: null, problem: 'Enter a time, like 5pm or 17:00' }
    return { moment: londonToUtc(yn, mn, dn, clock.hour, clock.minute), problem: null }
  }

  let message: HTMLElement | null = null
  return {
    element: group,
    focusId: day.id,
    value: () =>
      read()
        .moment?.toISOString()
        .replace(/\.000Z$/, 'Z') ?? null,
    problem: () => read().problem,
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      for (const control of [day, month, year, time]) control.classList.toggle('govuk-input--error', text !== null)
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

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** "17:00", "5pm", "5.30pm", "9:05 am", "midday", "midnight": what people type, and what timeWords writes. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, '')
  if (value === 'midday' || value === 'noon') return { hour: 12, minute: 0 }
  if (value === 'midnight') return { hour: 0, minute: 0 }
  const found = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(value)
  if (!found) return null
  let hour = Number(found[1])
  const minute = found[2] === undefined ? 0 : Number(found[2])
  const half = found[3]
  if (minute > 59) return null
  if (half) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (half === 'pm' ? 12 : 0)
  } else if (found[2] === undefined || hour > 23) {
    // "5" alone could be morning or evening.
    return null
  }
  return { hour, minute }
}

interface LondonParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ukTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
})

function londonParts(date: Date): LondonParts {
  const parts = londonFormat.formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value)
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') }
}

/** The UTC moment when the clocks in London show this date and time. */
function londonToUtc(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute)
  let guess = wanted
  // Twice: the offset at the first guess can differ from the offset at the answer around a clock change.
  for (let i = 0; i < 2; i += 1) {
    const shown = londonParts(new Date(guess))
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute)
    guess += wanted - shownAsUtc
  }
  return new Date(guess)
}
