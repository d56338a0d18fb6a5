// "New answers in threads you follow" on the home page: the unread notifications of replies and accepted answers,
// one line for each discussion ("2 new replies in ..."), leading to the first of them.

import type { Notification, NotificationPage } from '../notifications/types'
import { notificationPath } from '../notifications/words'
import { link, paragraph } from '../shell/govuk'
import { count } from '../shell/words'
import { entryLink, entryList, homeSection, notLoaded } from './section'

/** At most this many discussions; the rest are on the notifications page. */
const shown = 5

interface ThreadNews {
  title: string
  replies: number
  accepted: boolean
  /** The oldest unread notification's link: where the news starts. */
  path: string
}

export function answersSection(unread: NotificationPage | null): HTMLElement {
  const id = 'home-answers'
  const heading = 'New answers in threads you follow'
  if (!unread) return homeSection(id, heading, notLoaded())

  const news = newsByThread(unread.items).slice(0, shown)
  return homeSection(
    id,
    heading,
    news.length === 0
      ? paragraph('There are no new replies in the threads you follow.')
      : entryList(news.map((item) => ({ title: [`${newsWords(item)} in `, entryLink(item.path, item.title)] }))),
    paragraph(link('/notifications', 'See all notifications')),
  )
}

/** Replies and accepted answers grouped by discussion, the one with the latest news first. */
function newsByThread(notifications: readonly Notification[]): ThreadNews[] {
  const threads = new Map<number, ThreadNews>()
  // Notifications come newest first, so the last one seen of each discussion is its oldest.
  for (const notification of notifications) {
    if (notification.kind !== 'reply' && notification.kind !== 'answer_accepted') continue
    if (notification.subject.type !== 'thread') continue
    const news = threads.get(notification.subject.id) ?? {
      title: notification.subject.title,
      replies: 0,
      accepted: false,
      path: '',
    }
    if (notification.kind === 'reply') news.replies += 1
    else news.accepted = true
    news.path = notificationPath(notification)
    threads.set(notification.subject.id, news)
  }
  return [...threads.values()]
}

/** "2 new replies", "An answer was accepted", "1 new reply and an accepted answer". */
function newsWords(news: ThreadNews): string {
  const replies = count(news.replies, 'new reply', 'new replies')
  if (!news.accepted) return replies
  return news.replies > 0 ? `${replies} and an accepted answer` : 'An answer was accepted'
}
