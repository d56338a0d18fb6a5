// What a meeting page says about the meeting itself: whether it was cancelled (and why), its day, times and place,
// the link to join online, who arranged it, its status and answers, the ways to add it to a calendar, its agenda and
// its papers.

import '../consultations/consultations.css'

import { accountPaths } from '../account/words'
import { paperList } from '../consultations/papers'
import { postHtml } from '../forum/post-html'
import { h } from '../shell/dom'
import { link, paragraph, warningText } from '../shell/govuk'
import { summaryList } from '../shell/tables'
import type { Meeting } from './types'
import { countsWords, dayWords, statusTag, timesWords } from './words'

/** The warning that the meeting is cancelled, with the reason given; null while it is not. */
export function cancelledNotice(meeting: Meeting): HTMLElement | null {
  if (meeting.status !== 'cancelled') return null
  return h(
    'div',
    null,
    warningText('This meeting has been cancelled.'),
    meeting.cancel_reason && paragraph(`Reason: ${meeting.cancel_reason}`),
  )
}

/** The summary of the meeting; `counts` is the element that shows the answers, which change as they come. */
export function meetingSummary(meeting: Meeting, counts: HTMLElement): HTMLElement {
  counts.textContent = countsWords(meeting.rsvp_counts)
  const online = meeting.online_url
  return summaryList([
    { key: 'Date', value: dayWords(meeting.date) },
    { key: 'Time', value: `${timesWords(meeting)} (UK time)` },
    { key: 'Where', value: meeting.location || 'Online only' },
    ...(online
      ? [
          {
            key: 'Online meeting link',
            value: h(
              'a',
              { class: 'govuk-link app-long-address', href: online, rel: 'noreferrer noopener', target: '_blank' },
              online,
              ' (opens in new tab)',
            ),
          },
        ]
      : []),
    { key: 'Organiser', value: `${meeting.organiser.display_name}, ${meeting.organiser.organisation.name}` },
    { key: 'Status', value: statusTag(meeting) },
    { key: 'Answers', value: counts },
  ])
}

/** The meeting's .ics file, and the feed of all the reader's meetings. */
export function calendarLinks(meeting: Meeting): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list' },
    h(
      'li',
      null,
      // An API address with `download`: the browser saves the file instead of routing to it.
      h('a', { class: 'govuk-link', href: meeting.calendar_url, download: '' }, 'Add to your calendar (.ics)'),
    ),
    h('li', null, link(accountPaths.calendarFeed, 'Subscribe to all your meetings')),
  )
}

export function agendaSection(meeting: Meeting): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'agenda' },
    h('h2', { class: 'govuk-heading-m', id: 'agenda' }, 'Agenda'),
    meeting.agenda_html.trim() === ''
      ? paragraph('There is no agenda yet.')
      : h('div', { class: 'app-meeting__agenda' }, postHtml(meeting.agenda_html, 3)),
  )
}

export function papersSection(meeting: Meeting): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'papers' },
    h('h2', { class: 'govuk-heading-m', id: 'papers' }, 'Papers'),
    meeting.papers.length === 0 ? paragraph('There are no papers for this meeting.') : paperList(meeting.papers, 'h3'),
  )
}
