// Shapes of the notifications API bodies and of the user's own real-time channel, as generated from
// schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type NotificationKind = Schemas['NotificationKind']

/** About a discussion, a consultation or a library resource: `subject` names it and gives the path to it. */
export type Notification = Schemas['Notification']

export type NotificationPage = Schemas['NotificationList']

/** How a kind of notification comes by email: at once, in a daily or weekly summary, or not at all. */
export type Delivery = Schemas['NotificationDelivery']

export type Weekday = Schemas['Weekday']

export type KindSetting = Schemas['NotificationKindSetting']

/** The answer to GET and PUT /me/notification-settings. */
export type NotificationSettings = Schemas['NotificationSettings']

/** The body of PUT /me/notification-settings. */
export type NotificationSettingsUpdate = Schemas['NotificationSettingsUpdate']

/** What an email's unsubscribe link stops. */
export type UnsubscribeTarget = Schemas['UnsubscribeTarget']

export type OutboxStatus = Schemas['OutboxStatus']

export type OutboxEntry = Schemas['OutboxEntry']

export type OutboxPage = Schemas['OutboxPage']

/** The events of the user's own channel user:{id}. */
export interface UserEvents {
  'notification.created': Schemas['NotificationCreatedEvent']['data']
}

export function userChannel(userId: number): string {
  return `user:${userId}`
}
