// "Calendar feed": an address with a secret in it that Outlook or another calendar subscribes to, to show the meetings
// of every group the person belongs to. The address is shown once, when it is made; making a new one stops the old
// one at once, and it can be stopped without a new one (after asking, on a page of its own).

import * as api from '../api'
import type { CalendarFeed } from '../meetings/types'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { textInput } from '../shell/fields'
import { MessageArea, apiForm } from '../shell/form'
import { initComponents, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { accountPaths } from './words'

export const calendarFeedApiPath = '/me/calendar-feed'

export async function calendarFeedPage(context: PageContext): Promise<PageView> {
  const feed = await api.get<CalendarFeed>(calendarFeedApiPath)
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })
  const state = h('div')
  const show = (shown: CalendarFeed): void => {
    replaceContent(state, shown.url ? newAddress(shown.url) : null, feedState(shown, area, show))
    if (state.isConnected) initComponents(state)
  }
  show(feed)
  return {
    title: 'Calendar feed',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: accountPaths.account }, 'Back to your account'),
      area.element,
      pageHeading('Calendar feed'),
      paragraph('Subscribe to your meetings in Outlook or another calendar.'),
      paragraph(
        'Your calendar will show the meetings of every group you belong to, from 90 days ago on. It keeps up as ' +
          'meetings are arranged, changed and cancelled.',
      ),
      warningText('Anyone who has the address can see your meetings. Do not share it.'),
      state,
    ),
  }
}

/** Whether there is an address, and the buttons to make one (or a new one) and to stop it. */
function feedState(feed: CalendarFeed, area: MessageArea, show: (feed: CalendarFeed) => void): HTMLElement {
  const form = apiForm({
    fields: {},
    area,
    submitLabel: feed.active ? 'Create a new address' : 'Create a calendar address',
    ...(feed.active ? { submitVariant: 'secondary' as const } : {}),
    check: () => [],
    send: async () => {
      const made = await api.post<CalendarFeed>(calendarFeedApiPath, undefined)
      area.showBanner({}, { success: true, heading: 'Your calendar address has been created' })
      show(made)
    },
  })
  if (!feed.active) {
    return h(
      'div',
      null,
      h('h2', { class: 'govuk-heading-m' }, 'Your calendar address'),
      paragraph('You do not have a calendar address.'),
      form,
    )
  }
  return h(
    'div',
    null,
    !feed.url && [
      h('h2', { class: 'govuk-heading-m' }, 'Your calendar address'),
      paragraph(
        feed.created_at
          ? `You made your calendar address on ${dateWords(feed.created_at)}. It is only shown when it is made.`
          : 'You have a calendar address. It is only shown when it is made.',
      ),
    ],
    h('h2', { class: 'govuk-heading-m' }, 'Make a new address'),
    paragraph('If you have lost the address, or shared it by mistake, make a new one.'),
    warningText('The old address stops working at once: calendars that use it stop showing your meetings.'),
    form,
    h('h2', { class: 'govuk-heading-m' }, 'Stop the address'),
    paragraph(link(accountPaths.stopCalendarFeed, 'Stop this address')),
  )
}

/** The address just made, to copy, and how to subscribe to it in Outlook. */
function newAddress(url: string): HTMLElement {
  const field = textInput({
    id: 'calendar-address',
    name: 'calendar_address',
    label: 'Your calendar address',
    labelClass: 'govuk-label--m',
    hint: 'Copy it now: it is only shown this once.',
    spellcheck: false,
    autocomplete: 'off',
    readOnly: true,
    value: url,
  })
  field.input.addEventListener('focus', () => field.input.select())
  return h(
    'div',
    null,
    field.element,
    h('h2', { class: 'govuk-heading-m' }, 'Subscribe in Outlook'),
    h(
      'ol',
      { class: 'govuk-list govuk-list--number' },
      h('li', null, 'In Outlook, open your calendar.'),
      h('li', null, 'Select ‘Add calendar’, then ‘Subscribe from web’.'),
      h('li', null, 'Paste the address, give the calendar a name such as PSW Network meetings, and select ‘Import’.'),
    ),
    h('h2', { class: 'govuk-heading-m' }, 'Other calendars'),
    paragraph('Look for a way to subscribe or add a calendar ‘from the web’ or ‘by URL’, and paste the address.'),
    paragraph('Calendars check the address from time to time, so a change can take a few hours to show.'),
  )
}
