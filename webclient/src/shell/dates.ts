// Dates and times as people in England read them, always in UK time (Europe/London) whatever the browser's zone:
// "3 December 2026", "5pm", "6:18pm on 23 November 2026", in tables "23 Nov 2026, 6:18pm", and how many days away a
// date is.

import { h } from './dom'

/** The service's time zone: deadlines, posts and imports are shown and entered in UK time. */
export const ukTimeZone = 'Europe/London'

/** "6:18pm", "5:00pm", in UK time. */
function clockTime(iso: string): string {
  return new Date(iso)
    .toLocaleTimeString('en-GB', { timeZone: ukTimeZone, hour: 'numeric', minute: '2-digit', hour12: true })
    .replace(/\s/g, '')
    .toLowerCase()
}

/** "5pm", "9:30am", "midday", in UK time. */
export function timeWords(iso: string): string {
  const text = clockTime(iso).replace(':00', '')
  if (text === '12pm') return 'midday'
  if (text === '12am') return 'midnight'
  return text
}

/** "3 December 2026" in the GOV.UK date style, in UK time. */
export function dateWords(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    timeZone: ukTimeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
}

/** "3 December 2026 at 5pm". */
export function dateTimeWords(iso: string): string {
  return `${dateWords(iso)} at ${timeWords(iso)}`
}

/** "6:18pm on 23 November 2026", in a <time> element. */
export function timeElement(iso: string): HTMLTimeElement {
  return h('time', { datetime: iso }, `${clockTime(iso)} on ${dateWords(iso)}`)
}

/** "2 Dec 2026, 6:18pm" in a <time> element: for tables, where GOV.UK style allows short month names. */
export function shortTimeElement(iso: string): HTMLTimeElement {
  const date = new Date(iso).toLocaleDateString('en-GB', {
    timeZone: ukTimeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
  return h('time', { datetime: iso }, `${date}, ${clockTime(iso)}`)
}

const ukCalendarDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: ukTimeZone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
})

/** The calendar day of `date` in UK time, as days since 1 January 1970: days compare as whole numbers. */
function ukDayNumber(date: Date): number {
  const parts = ukCalendarDay.formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000
}

/** Calendar days in UK time from today to the day of `iso`: 0 today, 1 tomorrow, negative for days gone. */
export function daysFromToday(iso: string, now: Date = new Date()): number {
  return ukDayNumber(new Date(iso)) - ukDayNumber(now)
}
