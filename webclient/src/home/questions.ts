// "Questions for your authority" on the home page: the unanswered questions addressed to the person's organisation
// (by name, to its statistical neighbours or to its region), who asked them and when, and the unread notifications
// of someone mentioning the person.

import * as api from '../api'
import type { ThreadSummary } from '../forum/types'
import { threadPath } from '../forum/words'
import type { Notification, NotificationPage } from '../notifications/types'
import { notificationPath } from '../notifications/words'
import { timeElement } from '../shell/dates'
import { link, paragraph } from '../shell/govuk'
import { type ListEntry, entryLink, entryList, homeSection, notLoaded } from './section'

/** At most this many mentions; the rest are on the notifications page. */
const shownMentions = 5

/** The questions waiting for the person's organisation, at most `limit` of them. */
export function loadWaitingQuestions(limit: number): Promise<api.ListPage<ThreadSummary>> {
  return api.get<api.ListPage<ThreadSummary>>('/threads', { addressed_to_me: 'true', status: 'unanswered', limit })
}

export interface QuestionSources {
  questions: api.ListPage<ThreadSummary> | null
  /** The person's unread notifications, shared with "New answers in threads you follow". */
  unread: NotificationPage | null
  /** "authority" for a local authority, "organisation" for any other. */
  place: 'authority' | 'organisation'
}

export function questionsSection({ questions, unread, place }: QuestionSources): HTMLElement {
  const asked: ListEntry[] = (questions?.items ?? []).map((thread) => ({
    title: entryLink(threadPath(thread), thread.title),
    details: [['Asked by ', thread.author.organisation.name, ' at ', timeElement(thread.created_at)]],
  }))
  const mentions: ListEntry[] = latestPerThread((unread?.items ?? []).filter((item) => item.kind === 'mention'))
    .slice(0, shownMentions)
    .map((notification) => ({
      title: ['Mentioned you: ', entryLink(notificationPath(notification), notification.subject.title)],
      details: [[actorWords(notification), ' at ', timeElement(notification.created_at)]],
    }))
  const entries = [...asked, ...mentions]
  const failed = questions === null || unread === null

  return homeSection(
    'home-questions',
    `Questions for your ${place}`,
    failed && notLoaded(),
    entries.length > 0 && entryList(entries),
    !failed && entries.length === 0 && paragraph(`No questions are waiting for your ${place}.`),
    paragraph(link('/discussions', 'See all discussions')),
  )
}

/** The newest of each thread's notifications (they come newest first): one entry per discussion. */
function latestPerThread(notifications: readonly Notification[]): Notification[] {
  const seen = new Set<number>()
  return notifications.filter((item) => {
    if (seen.has(item.subject.id)) return false
    seen.add(item.subject.id)
    return true
  })
}

function actorWords(notification: Notification): string {
  const actor = notification.actor
  return actor ? `By ${actor.display_name}, ${actor.organisation.name}` : 'By someone'
}
