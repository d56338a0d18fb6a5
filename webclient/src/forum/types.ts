// Shapes of the discussions API bodies and of its real-time events, as generated from schemas/openapi.yaml into
// src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type ThreadKind = Schemas['ThreadKind']

export type ThreadStatus = Schemas['ThreadStatus']

/** 'organisations': the authorities the asker chose, for example from a benchmarking comparison. */
export type Audience = Schemas['Audience']

export type ReactionKind = Schemas['ReactionKind']

/**
 * Who can read a thread: the whole network, or for a discussion started from a region- or organisation-only library
 * resource, only the people of that region's organisations or of that organisation (and moderators). `name` is the
 * region's or the organisation's; null for the network.
 */
export type ThreadReaders = Schemas['ThreadFields']['readers']

export type ThreadSummary = Schemas['ThreadSummary']

/** The group a discussion was started in, as its page and the form to start one read it (GET /groups/{id}). */
export type DiscussionGroup = Schemas['Group']

export type Reactions = Schemas['Reactions']

/** `body_html` is rendered and sanitised by the server, and null when the post is hidden from this reader. */
export type Post = Schemas['Post']

export type Thread = Schemas['Thread']

export type Revision = Schemas['Revision']

export type RevisionList = Schemas['RevisionList']

export type Flag = Schemas['Flag']

/** The answer to POST /posts/{id}/reactions. */
export type ReactionsAnswer = Schemas['ReactionState']

/** The events of thread:{id}. Posts in events are as everyone sees them: no my_reactions, can_edit or can_accept. */
export interface ThreadEvents {
  'post.created': Schemas['PostCreatedEvent']['data']
  'post.updated': Schemas['PostUpdatedEvent']['data']
  'post.hidden': Schemas['PostHiddenEvent']['data']
  'post.unhidden': Schemas['PostUnhiddenEvent']['data']
  'reactions.changed': Schemas['ReactionsChangedEvent']['data']
  'thread.accepted': Schemas['ThreadAcceptedEvent']['data']
  'thread.locked': Schemas['ThreadLockChangedEvent']['data']
  'thread.unlocked': Schemas['ThreadLockChangedEvent']['data']
}

/** The events of sector:{children|adults|both}. */
export interface SectorEvents {
  'thread.created': Schemas['ThreadChangedEvent']['data']
  'thread.activity': Schemas['ThreadChangedEvent']['data']
}

/** Every sector channel: a list of all discussions listens to all three. */
export const sectorChannels = ['sector:children', 'sector:adults', 'sector:both'] as const

export function threadChannel(threadId: number): string {
  return `thread:${threadId}`
}
