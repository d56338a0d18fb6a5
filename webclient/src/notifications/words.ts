// Notifications in plain words: what happened, where it leads, how it comes by email, and when summaries arrive.

import { tag } from '../shell/govuk'
import type { Delivery, Notification, OutboxStatus, Weekday } from './types'

/** What happened, in words, without the link. */
export function sentence(notification: Notification): string {
  const actor = notification.actor?.display_name ?? 'Someone'
  const title = notification.subject.title
  switch (notification.kind) {
    case 'resource_endorsed':
      return `${notification.actor?.organisation.name ?? 'Another organisation'} uses ${title}`
    case 'consultation_published':
      return `Consultation open: ${title}`
    case 'consultation_reminder':
      return `Reminder: ${title} closes soon`
    case 'consultation_closing':
      return `Closing within 3 days: ${title}`
    case 'consultation_outcome':
      return `You said, we did: ${title}`
    case 'reply':
      return `${actor} replied to “${title}”`
    case 'mention':
      return `${actor} mentioned you in “${title}”`
    case 'answer_accepted':
      return `${actor} accepted an answer to “${title}”`
    case 'audience_question':
      return `${actor} asked your area a question: “${title}”`
    case 'announcement':
      return `${actor} posted an announcement: “${title}”`
    case 'resource_discussed':
      return `${actor} started a discussion about a resource you shared: “${title}”`
    case 'group_discussion':
      return `${actor} started a discussion in one of your groups: “${title}”`
    // The title says it all: "Amira Holt asks to join ...", "You joined ...", "You were added to ...", "New meeting:
    // ... (Tuesday 15 December 2026, 10:00 to 12:00)", "Action for you in ...: ... (due 20 December 2026)".
    case 'group_membership':
    case 'meeting':
    case 'meeting_reminder':
    case 'group_action':
    case 'access_request':
    case 'account':
      return title
    default:
      return `New activity in “${title}”`
  }
}

/**
 * Where a notification leads: the path the server gave (the post in its discussion, the consultation, the resource),
 * as long as it is a path on this site.
 */
export function notificationPath(notification: Notification): string {
  const link = notification.subject.link
  const onThisSite = link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')
  return onThisSite ? link : '/notifications'
}

export const deliveryNames: Readonly<Record<Delivery, string>> = {
  immediate: 'At once',
  daily: 'Daily summary',
  weekly: 'Weekly summary',
  off: 'Not by email',
}

export const deliveries: readonly Delivery[] = ['immediate', 'daily', 'weekly', 'off']

export const weekdayNames: Readonly<Record<Weekday, string>> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
}

export const weekdays = Object.keys(weekdayNames) as Weekday[]

/** An hour of the day as GOV.UK writes times: "midnight", "8am", "midday", "5pm". */
export function hourWords(hour: number): string {
  if (hour === 0) return 'midnight'
  if (hour === 12) return 'midday'
  return hour < 12 ? `${hour}am` : `${hour - 12}pm`
}

/** What an email in the outbox was about, from its kind. */
export function outboxKindName(kind: string): string {
  const names: Readonly<Record<string, string>> = {
    reply: 'Reply',
    mention: 'Mention',
    answer_accepted: 'Accepted answer',
    audience_question: 'Question to an area',
    announcement: 'Announcement',
    consultation_published: 'Consultation open',
    consultation_reminder: 'Consultation reminder',
    consultation_closing: 'Consultation closing',
    consultation_outcome: 'Consultation outcome',
    resource_endorsed: 'Resource used',
    resource_discussed: 'Resource discussed',
    reply_refused: 'Reply not posted',
    digest_daily: 'Daily summary',
    digest_weekly: 'Weekly summary',
    invitation: 'Invitation',
    group_discussion: 'Group discussion',
    group_membership: 'Group membership',
    meeting: 'Meeting',
    meeting_reminder: 'Meeting reminder',
    group_action: 'Group action',
    access_request: 'Request to join',
    account: 'Your account',
  }
  return names[kind] ?? kind
}

export const outboxStatusNames: Readonly<Record<OutboxStatus, string>> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
}

export function outboxStatusTag(status: OutboxStatus): HTMLElement {
  const colours = { queued: 'blue', sent: 'green', failed: 'red' } as const
  return tag(outboxStatusNames[status] ?? status, colours[status])
}
