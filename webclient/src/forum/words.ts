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

/**
 * Who can read a restricted discussion, as a sentence; null for a discussion the whole network can read. A discussion
 * in a group is read by the group's readers: everyone for an open group (`groupIsOpen`), its members otherwise.
 */
export function readersSentence(readers: ThreadReaders, groupIsOpen = false): string | null {
  switch (readers.scope) {
    case 'group':
      return groupIsOpen ? null : `Only members of ${readers.name ?? 'the group'} can read this discussion.`
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
  group: 'group_id',
} as const

/**
 * The page for asking a question; with `organisationId` it is addressed to that organisation to start with, with
 * `comparatorGroupId` to that saved group of the person's organisation, with `groupId` it starts a discussion in
 * that group (see src/groups/), and with `mention` the details start by mentioning that person ("@Display Name ").
 */
export function newThreadPath(
  about: { organisationId?: number; comparatorGroupId?: number; groupId?: number; mention?: string } = {},
): string {
  const query = new URLSearchParams()
  if (about.organisationId !== undefined) query.set(newThreadParams.organisation, String(about.organisationId))
  if (about.comparatorGroupId !== undefined) query.set(newThreadParams.comparatorGroup, String(about.comparatorGroupId))
  if (about.groupId !== undefined) query.set(newThreadParams.group, String(about.groupId))
  if (about.mention !== undefined) query.set(newThreadParams.mention, about.mention)
  const search = query.toString()
  return search ? `/discussions/new?${search}` : '/discussions/new'
}

/**
 * The page of the group a discussion was started in. The groups pages build on the discussions, so the discussions
 * name the address rather than import it.
 */
export function discussionGroupPath(group: { id: number }): string {
  return `/groups/${group.id}`
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
