// The signed-in user's notifications: replies in discussions they follow, mentions, accepted answers, questions
// addressed to them, consultations (published, closing soon, reminders, outcomes) and their library resources used
// elsewhere. New ones appear at the top as they arrive; opening one marks it as read.

import * as api from '../api'
import { currentUser } from '../identity/session'
import * as realtime from '../realtime/realtime'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, link, pageHeading, paragraph, tag, twoThirds } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { setUnreadCount } from './notification-count'
import { type Notification, type NotificationPage, type UserEvents, userChannel } from './types'
import { notificationPath, sentence } from './words'

export async function notificationsPage(context: PageContext): Promise<PageView> {
  const unreadOnly = context.query.get('unread') === 'true'
  const cursor = context.query.get('cursor')
  const area = new MessageArea()
  const live = liveRegion()
  const list = h('ul', { class: 'govuk-list app-notifications' })
  const empty = paragraph(unreadOnly ? 'You have no unread notifications.' : 'You have no notifications yet.')
  const items = new Map<number, { notification: Notification; element: HTMLLIElement }>()
  let unread = 0

  const markAll = button('Mark all as read', { type: 'button', variant: 'secondary' })
  const setUnread = (count: number): void => {
    unread = count
    markAll.hidden = count === 0
    setUnreadCount(count)
  }
  const markRead = (ids: readonly number[]): void => {
    for (const id of ids) {
      const item = items.get(id)
      if (!item || item.notification.read) continue
      item.notification = { ...item.notification, read: true }
      const fresh = notificationItem(item.notification, open)
      item.element.replaceWith(fresh)
      item.element = fresh
    }
  }
  const open = (notification: Notification): void => {
    if (notification.read) return
    // The link goes on to the discussion at once; marking as read happens alongside.
    api
      .post('/notifications/read', { ids: [notification.id] })
      .then(() => setUnread(Math.max(0, unread - 1)))
      .catch((error: unknown) => console.warn('Could not mark the notification as read', error))
  }
  const add = (notification: Notification, atTop: boolean): void => {
    if (items.has(notification.id)) return
    const element = notificationItem(notification, open)
    items.set(notification.id, { notification, element })
    if (atTop) list.prepend(element)
    else list.append(element)
    empty.remove()
  }

  const me = currentUser()
  if (me && cursor === null) {
    const subscription = realtime.subscribe<UserEvents>(
      [userChannel(me.id)],
      {
        on: {
          'notification.created': ({ notification, unread_count }) => {
            add(notification, true)
            setUnread(unread_count)
            live.announce(`New notification: ${sentence(notification)}`)
          },
        },
      },
      context.left,
    )
    await subscription.ready
  }

  const page = await api.get<NotificationPage>('/notifications', {
    unread: unreadOnly ? 'true' : null,
    cursor,
    limit: 50,
  })
  for (const notification of page.items) add(notification, false)
  setUnread(page.unread_count)

  markAll.addEventListener('click', () => {
    markAll.disabled = true
    api
      .post('/notifications/read', { all: true })
      .then(() => {
        markRead([...items.keys()])
        setUnread(0)
        area.showBanner({}, { heading: 'All your notifications are marked as read', success: true })
      })
      .catch((error: unknown) => {
        console.warn(error)
        area.showErrors({}, [{ field: '', message: 'Your notifications could not be marked as read. Try again.' }])
      })
      .finally(() => {
        markAll.disabled = false
      })
  })

  const next = page.next_cursor
    ? {
        href: `/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: 'true' } : {}), cursor: page.next_cursor }).toString()}`,
      }
    : null
  return {
    title: 'Notifications',
    content: twoThirds(
      area.element,
      pageHeading('Notifications'),
      h(
        'ul',
        { class: 'govuk-list' },
        h(
          'li',
          null,
          unreadOnly
            ? link('/notifications', 'Show all notifications')
            : link('/notifications?unread=true', 'Show unread only'),
        ),
        h('li', null, link('/settings/notifications', 'Change how you are notified by email')),
      ),
      markAll,
      items.size === 0 ? empty : null,
      list,
      pagination(null, next),
      live.element,
    ),
  }
}

function notificationItem(notification: Notification, open: (notification: Notification) => void): HTMLLIElement {
  const anchor = link(notificationPath(notification), sentence(notification))
  anchor.addEventListener('click', () => open(notification))
  return h(
    'li',
    {
      class: notification.read ? 'app-notifications__item' : 'app-notifications__item app-notifications__item--unread',
    },
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-1' },
      notification.read ? null : [tag('Unread', 'blue'), ' '],
      anchor,
    ),
    h('p', { class: 'govuk-body-s' }, timeElement(notification.created_at)),
  )
}
