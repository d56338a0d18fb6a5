// Stopping the calendar feed's address, after asking: calendars that subscribe to it stop showing the meetings.

import * as api from '../api'
import type { CalendarFeed } from '../meetings/types'
import { h } from '../shell/dom'
import { MessageArea, apiForm } from '../shell/form'
import { pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { calendarFeedApiPath } from './calendar-feed'
import { accountPaths } from './words'

export async function stopCalendarFeedPage(): Promise<PageView | Redirect> {
  const feed = await api.get<CalendarFeed>(calendarFeedApiPath)
  if (!feed.active) return redirect(accountPaths.calendarFeed)
  const area = new MessageArea()
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Stop this address',
    submitVariant: 'warning',
    cancel: { href: accountPaths.calendarFeed, text: 'Keep the address' },
    check: () => [],
    send: async () => {
      await api.del<void>(calendarFeedApiPath)
      navigate(accountPaths.calendarFeed, { replace: true, flash: 'Your calendar address has been stopped' })
    },
  })
  const heading = 'Are you sure you want to stop your calendar address?'
  return {
    title: 'Stop your calendar address',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: accountPaths.calendarFeed }, 'Back'),
      area.element,
      pageHeading(heading),
      paragraph('Calendars that subscribe to it will stop showing your meetings.'),
      paragraph('You can make a new address at any time.'),
      form,
    ),
  }
}
