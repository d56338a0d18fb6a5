// Discussion values in plain words, and the small pieces of page every discussions page shows the same way.

import { regionInSentence } from '../directory/words'
import { tag } from '../shell/govuk'
import type { Audience, ThreadKind, ThreadReaders, ThreadStatus, ThreadSummary } from './types'

export const kindNames: Readonly<Record<ThreadKind, string>> = {
  question: 'Question',
  discussion: 'Discussion',
  announcement: 'Announcement',
}

export const audienceNames: Readonly<Record<Audience, string>> = {
  network: 'The whole network',
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
  organisations: 'Chosen organisations',
  comparator_group: 'A saved group',
}

/** Who can read a restricted discussion, as a sentence; null for a discussion the whole network can read. */
export function readersSentence(readers: ThreadReaders): string | null {
  switch (readers.scope) {
    case 'organisation':
      return `Only people in ${readers.name ?? 'one organisation'} can read this discussion.`
    case 'region': {
      const region = regionInSentence(readers.name ?? 'one region')
      return `Only people in organisations in ${region} can read this discussion.`
    }
    default:
      return null
  }
}

const statusNames: Readonly<Record<ThreadStatus, string>> = {
  answered: 'Answered',
  unanswered: 'Unanswered',
  open: 'Open',
}

const statusColours = { answered: 'green', unanswered: 'blue', open: 'grey' } as const

export function statusTag(status: ThreadStatus): HTMLElement {
  return tag(statusNames[status] ?? status, statusColours[status])
}

export function threadPath(thread: { id: number }): string {
  return `/discussions/${thread.id}`
}

/** The query parameters of the page for asking a question. */
export const newThreadParams = {
  organisation: 'organisation',
  mention: 'mention',
  comparatorGroup: 'comparator_group',
} as const

/**
 * The page for asking a question; with `organisationId` it is addressed to that organisation to start with, with
 * `comparatorGroupId` to that saved group of the person's organisation, and with `mention` the details start by
 * mentioning that person ("@Display Name ").
 */
export function newThreadPath(
  about: { organisationId?: number; comparatorGroupId?: number; mention?: string } = {},
): string {
  const query = new URLSearchParams()
  if (about.organisationId !== undefined) query.set(newThreadParams.organisation, String(about.organisationId))
  if (about.comparatorGroupId !== undefined) query.set(newThreadParams.comparatorGroup, String(about.comparatorGroupId))
  if (about.mention !== undefined) query.set(newThreadParams.mention, about.mention)
  const search = query.toString()
  return search ? `/discussions/new?${search}` : '/discussions/new'
}

export function postPath(threadId: number, postId: number | null): string {
  return postId === null ? `/discussions/${threadId}` : `/discussions/${threadId}#post-${postId}`
}

export function tagPath(name: string): string {
  return `/discussions?${new URLSearchParams({ tag: name }).toString()}`
}

/** The status of a thread as a tag: "Answered" for a question with an accepted answer. */
export function threadStatus(thread: Pick<ThreadSummary, 'kind' | 'accepted_post_id'>): ThreadStatus {
  if (thread.kind !== 'question') return 'open'
  return thread.accepted_post_id === null ? 'unanswered' : 'answered'
}
