// Shapes of the groups API bodies and of a group's real-time channel, as generated from schemas/openapi.yaml into
// src/api-types.ts.

import type { components } from '../api-types'
import type { MeetingEvents } from '../meetings/types'

type Schemas = components['schemas']

export type GroupKind = Schemas['GroupKind']

/** open: anyone joins; restricted: people ask and an owner approves; private: owners add people, hidden from others. */
export type GroupPrivacy = Schemas['GroupPrivacy']

export type GroupRole = Schemas['GroupRole']

/** A group with the caller's place in it: `my_role`, `requested` and what they may do (`can_read`, ...). */
export type Group = Schemas['Group']

export type GroupList = Schemas['GroupList']

/** The body of POST /groups. */
export type NewGroup = Schemas['NewGroup']

/** The body of PATCH /groups/{id}. */
export type GroupChange = Schemas['GroupChange']

export type GroupMember = Schemas['GroupMember']

export type GroupMemberList = Schemas['GroupMemberList']

/** The body of POST /groups/{id}/members: `email` or `person_id`, and a role. */
export type NewGroupMember = Schemas['NewGroupMember']

export type JoinRequest = Schemas['GroupJoinRequest']

export type JoinRequestList = Schemas['GroupJoinRequestList']

/**
 * The events of group:{id}, which only those who may read the group's content (`can_read`) hear: its members and
 * discussions, and its meetings and actions.
 */
export interface GroupEvents extends MeetingEvents {
  'thread.created': Schemas['ThreadChangedEvent']['data']
  'thread.activity': Schemas['ThreadChangedEvent']['data']
  'member.joined': Schemas['GroupMembersChangedEvent']['data']
  'member.left': Schemas['GroupMembersChangedEvent']['data']
  'member.changed': Schemas['GroupMembersChangedEvent']['data']
  'request.created': Schemas['GroupChangedEvent']['data']
  'group.updated': Schemas['GroupChangedEvent']['data']
}

export function groupChannel(groupId: number): string {
  return `group:${groupId}`
}
