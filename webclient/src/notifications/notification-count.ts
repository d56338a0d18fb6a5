// The number of unread notifications beside "Notifications" in the service navigation, kept up to date from the
// user's own channel while they are signed in.

import * as api from '../api'
import type { Me } from '../identity/types'
import * as realtime from '../realtime/realtime'
import { setNavigationBadge } from '../shell/layout'
import { count } from '../shell/words'
import { type NotificationPage, type UserEvents, userChannel } from './types'

let subscription: realtime.Subscription | null = null

export function setUnreadCount(unread: number): void {
  setNavigationBadge('notifications', {
    count: unread,
    description: `${unread} unread`,
    menuDescription: count(unread, 'unread notification', 'unread notifications'),
  })
}

/** Reads the count and follows it; call again after each sign-in, and `stopNotificationCount` on sign-out. */
export function startNotificationCount(me: Me): void {
  stopNotificationCount()
  const refresh = (): void => {
    api
      .get<NotificationPage>('/notifications', { unread: 'true', limit: 1 })
      .then((page) => setUnreadCount(page.unread_count))
      .catch((error: unknown) => console.warn('The number of unread notifications is not available', error))
  }
  subscription = realtime.subscribe<UserEvents>([userChannel(me.id)], {
    on: { 'notification.created': ({ unread_count }) => setUnreadCount(unread_count) },
    reload: refresh,
  })
  refresh()
}

export function stopNotificationCount(): void {
  subscription?.close()
  subscription = null
  setUnreadCount(0)
}
