// Shapes of the meetings API bodies (a group's meetings, the answers to them, its actions and the personal calendar
// feed) and of the meeting and action events of a group's channel, as generated from schemas/openapi.yaml into
// src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

/** A meeting as lists show it: date and times in Europe/London, the counts of answers and the caller's own. */
export type MeetingSummary = Schemas['MeetingSummary']

/** A meeting with its Markdown agenda (`agenda_html` rendered by the server) and its papers. */
export type Meeting = Schemas['Meeting']

export type MeetingList = Schemas['MeetingList']

/** The body of POST /groups/{id}/meetings. */
export type NewMeeting = Schemas['NewMeeting']

/** The body of PATCH /meetings/{id}: only the fields sent change; `paper_ids` replaces the papers. */
export type MeetingChange = Schemas['MeetingChange']

/** going, maybe or not_going. */
export type RsvpAnswer = Schemas['RsvpAnswer']

export type RsvpCounts = Schemas['RsvpCounts']

export type MeetingAttendee = Schemas['MeetingAttendee']

export type MeetingAttendeeList = Schemas['MeetingAttendeeList']

/** A library resource that is one of a meeting's papers. */
export type MeetingPaper = Schemas['ConsultationPaper']

/** The body of POST /meetings/{id}/minutes. */
export type NewMinutes = Schemas['NewMinutes']

/** An action of a group, with its owner, the day it is due, and what the caller may do with it. */
export type GroupAction = Schemas['GroupAction']

export type GroupActionList = Schemas['GroupActionList']

/** The body of POST /groups/{id}/actions. */
export type NewGroupAction = Schemas['NewGroupAction']

/** The body of PATCH /actions/{id}. */
export type GroupActionChange = Schemas['GroupActionChange']

/** Which of a group's actions GET /groups/{id}/actions lists. */
export type ActionState = 'open' | 'done' | 'all'

/** Whether the caller has a calendar feed; `url` only in the answer that made it. */
export type CalendarFeed = Schemas['CalendarFeed']

/** The meeting and action events of group:{id}, which those who may read the group's content hear. */
export interface MeetingEvents {
  'meeting.created': NonNullable<Schemas['MeetingChangedEvent']['data']>
  'meeting.updated': NonNullable<Schemas['MeetingChangedEvent']['data']>
  'meeting.cancelled': NonNullable<Schemas['MeetingChangedEvent']['data']>
  'meeting.rsvp': NonNullable<Schemas['MeetingRsvpEvent']['data']>
  'action.created': NonNullable<Schemas['GroupActionEvent']['data']>
  'action.updated': NonNullable<Schemas['GroupActionEvent']['data']>
}
