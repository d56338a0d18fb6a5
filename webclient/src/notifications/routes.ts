// The addresses of notifications: the list, the email settings, the page an email's unsubscribe link opens (signed
// in or not) and the network administrators' email outbox.

import type { Route } from '../shell/page'
import { notificationsPage } from './notifications'
import { outboxPage } from './outbox'
import { notificationSettingsPage } from './settings'
import { unsubscribePage } from './unsubscribe'

export const notificationsRoutes: Route[] = [
  { pattern: /^\/notifications$/, signedIn: true, navigation: 'notifications', page: notificationsPage },
  {
    pattern: /^\/settings\/notifications$/,
    signedIn: true,
    navigation: 'notifications',
    page: notificationSettingsPage,
  },
  {
    pattern: /^\/unsubscribe\/(?<token>[A-Za-z0-9_~.-]{1,200})$/,
    signedIn: false,
    navigation: null,
    page: unsubscribePage,
  },
  { pattern: /^\/admin\/outbox$/, signedIn: true, navigation: 'admin', page: outboxPage },
]
