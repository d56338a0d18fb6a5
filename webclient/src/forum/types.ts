// Shapes of the discussions API bodies and of its real-time events (see the forum part of schemas/openapi.yaml).

import type { OrganisationRef, Sector } from '../identity/types'

export type ThreadKind = 'question' | 'discussion' | 'announcement'

export type ThreadStatus = 'answered' | 'unanswered' | 'open'

/** 'organisations': the authorities the asker chose, for example from a benchmarking comparison. */
export type Audience = 'network' | 'statistical_neighbours' | 'region' | 'organisations'

export type ReactionKind = 'helpful' | 'same_here'

/**
 * Who can read a thread: the whole network, or for a discussion started from a region- or organisation-only library
 * resource, only the people of that region's organisations or of that organisation (and moderators). `name` is the
 * region's or the organisation's; null for the network.
 */
export interface ThreadReaders {
  scope: 'network' | 'region' | 'organisation'
  name: string | null
}

export interface Author {
  id: number
  display_name: string
  organisation: OrganisationRef
}

export interface ThreadSummary {
  id: number
  title: string
  kind: ThreadKind
  sector: Sector
  tags: string[]
  status: ThreadStatus
  audience: Audience
  author: Author
  reply_count: number
  view_count: number
  created_at: string
  last_activity_at: string
  locked: boolean
  accepted_post_id: number | null
  subscribed: boolean
  readers: ThreadReaders
}

export interface Reactions {
  helpful: number
  same_here: number
}

export interface Post {
  id: number
  thread_id: number
  author: Author
  /** Rendered and sanitised by the server; null when the post is hidden from this reader. */
  body_html: string | null
  /** Only for the author and moderators, for editing. */
  body_markdown: string | null
  is_opening: boolean
  hidden: boolean
  created_at: string
  edited_at: string | null
  revision_count: number
  reactions: Reactions
  my_reactions: ReactionKind[]
  accepted: boolean
  can_edit: boolean
  can_accept: boolean
}

export interface Thread extends ThreadSummary {
  posts: Post[]
  can_accept: boolean
  can_moderate: boolean
  audience_organisations: OrganisationRef[]
}

export interface Revision {
  body_markdown: string
  body_html: string
  edited_by: Author
  created_at: string
}

export type NotificationKind =
  | 'reply'
  | 'mention'
  | 'answer_accepted'
  | 'audience_question'
  | 'announcement'
  | 'consultation_published'
  | 'consultation_reminder'
  | 'consultation_closing'
  | 'consultation_outcome'
  | 'resource_endorsed'

/** About a discussion (thread_id set) or, for the consultation_* kinds, about a consultation (consultation_id set). */
export interface Notification {
  id: number
  kind: NotificationKind
  thread_id: number | null
  post_id: number | null
  thread_title: string | null
  consultation_id: number | null
  consultation_title: string | null
  /** For resource_endorsed: the library resource another organisation adopted. */
  resource_id?: number | null
  resource_title?: string | null
  actor: Author | null
  created_at: string
  read: boolean
}

export interface NotificationPage {
  items: Notification[]
  next_cursor: string | null
  unread_count: number
}

export interface Flag {
  id: number
  reason: string
  created_at: string
  flagged_by: Author
  post: Post
  thread: { id: number; title: string }
}

export interface ReactionsAnswer {
  reactions: Reactions
  my_reactions: ReactionKind[]
}

/** What POST /threads, POST /threads/{id}/posts and PATCH /posts/{id} take besides their own fields. */
export interface PersonalDataConfirmation {
  confirm_personal_data: boolean
}

/** The events of thread:{id}. Posts in events are as everyone sees them: no my_reactions, can_edit or can_accept. */
export interface ThreadEvents {
  'post.created': { post: Post; thread: ThreadSummary }
  'post.updated': { post: Post }
  'post.hidden': { post_id: number }
  'post.unhidden': { post: Post }
  'reactions.changed': { post_id: number; reactions: Reactions }
  'thread.accepted': { thread_id: number; accepted_post_id: number | null }
  'thread.locked': { thread_id: number }
  'thread.unlocked': { thread_id: number }
}

/** The events of sector:{children|adults|both}. */
export interface SectorEvents {
  'thread.created': { thread: ThreadSummary }
  'thread.activity': { thread: ThreadSummary }
}

/** The events of the user's own channel user:{id}. */
export interface UserEvents {
  'notification.created': { notification: Notification; unread_count: number }
}

/** Every sector channel: a list of all discussions listens to all three. */
export const sectorChannels = ['sector:children', 'sector:adults', 'sector:both'] as const

export function threadChannel(threadId: number): string {
  return `thread:${threadId}`
}

export function userChannel(userId: number): string {
  return `user:${userId}`
}
