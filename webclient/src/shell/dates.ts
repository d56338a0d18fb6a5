// Dates and times as people in England read them, always in UK time (Europe/London) whatever the browser's zone:
// "3 December 2026", "5pm", "6:18pm on 23 November 2026", and in tables "23 Nov 2026, 6:18pm".

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
