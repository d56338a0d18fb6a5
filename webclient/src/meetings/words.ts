// Meetings and actions in plain words: when a meeting is ("Tuesday 15 December 2026, 10:00 to 12:00"), where, the
// answers to it, its status, the day an action is due, and the addresses of the meetings pages.

import { tag } from '../shell/govuk'
import { count } from '../shell/words'
import type { ActionState, GroupAction, MeetingSummary, RsvpAnswer, RsvpCounts } from './types'

const calendarDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** The parts of a date the API gives as YYYY-MM-DD (a day in Europe/London), or null when it is not one. */
function dayParts(date: string): Date | null {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!found) return null
  return new Date(Date.UTC(Number(found[1]), Number(found[2]) - 1, Number(found[3])))
}

/** "Tuesday 15 December 2026", from a day as YYYY-MM-DD; the day itself, without a time zone to go wrong. */
export function dayWords(date: string, weekday = true): string {
  const day = dayParts(date)
  if (!day) return date
  const parts = calendarDay.formatToParts(day)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  const words = `${part('day')} ${part('month')} ${part('year')}`
  return weekday ? `${part('weekday')} ${words}` : words
}

/** "10:00 to 12:00": a meeting's times in Europe/London, as the organiser entered them. */
export function timesWords(meeting: Pick<MeetingSummary, 'start_time' | 'end_time'>): string {
  return `${meeting.start_time} to ${meeting.end_time}`
}

/** "Tuesday 15 December 2026, 10:00 to 12:00". */
export function whenWords(meeting: Pick<MeetingSummary, 'date' | 'start_time' | 'end_time'>): string {
  return `${dayWords(meeting.date)}, ${timesWords(meeting)}`
}

/** Where it meets: the place, "Online", or both. */
export function whereWords(meeting: Pick<MeetingSummary, 'location' | 'online_url'>): string {
  if (meeting.location && meeting.online_url) return `${meeting.location}, and online`
  return meeting.location || 'Online'
}

export const answerNames: Readonly<Record<RsvpAnswer, string>> = {
  going: 'Going',
  maybe: 'Maybe',
  not_going: 'Not going',
}

export const answers = Object.keys(answerNames) as RsvpAnswer[]

/** "3 going, 1 maybe, 0 not going". */
export function countsWords(counts: RsvpCounts): string {
  return `${counts.going.toLocaleString('en-GB')} going, ${counts.maybe.toLocaleString('en-GB')} maybe, ${counts.not_going.toLocaleString('en-GB')} not going`
}

/** Whether the meeting has started: the minutes may be posted from then on. */
export function hasStarted(meeting: Pick<MeetingSummary, 'starts_at'>, now: Date = new Date()): boolean {
  return Date.parse(meeting.starts_at) <= now.getTime()
}

export function hasEnded(meeting: Pick<MeetingSummary, 'ends_at'>, now: Date = new Date()): boolean {
  return Date.parse(meeting.ends_at) <= now.getTime()
}

/** A meeting's status as a tag: cancelled, over, or to come. */
export function statusTag(meeting: Pick<MeetingSummary, 'status' | 'ends_at'>): HTMLElement {
  if (meeting.status === 'cancelled') return tag('Cancelled', 'red')
  return hasEnded(meeting) ? tag('Finished', 'grey') : tag('Scheduled', 'blue')
}

/** "15 December 2026", and whether it is overdue or done, for an action's due day. */
export function dueWords(action: Pick<GroupAction, 'due_on'>): string {
  return dayWords(action.due_on, false)
}

export function actionTag(action: Pick<GroupAction, 'done' | 'overdue'>): HTMLElement | null {
  if (action.done) return tag('Done', 'green')
  return action.overdue ? tag('Overdue', 'red') : null
}

export function actionCount(n: number): string {
  return count(n, 'action', 'actions')
}

export const stateNames: Readonly<Record<ActionState, string>> = {
  open: 'Open',
  done: 'Done',
  all: 'All',
}

export const actionStates = Object.keys(stateNames) as ActionState[]

type GroupId = { id: number } | number

function gid(group: GroupId): number {
  return typeof group === 'number' ? group : group.id
}

/** The group's upcoming meetings (`past`: those that have ended). */
export function meetingsPath(group: GroupId, past = false): string {
  return past ? `/groups/${gid(group)}/meetings?when=past` : `/groups/${gid(group)}/meetings`
}

export function newMeetingPath(group: GroupId): string {
  return `/groups/${gid(group)}/meetings/new`
}

export function meetingPath(meeting: { id: number; group: { id: number } }, section?: string): string {
  const path = `/groups/${meeting.group.id}/meetings/${meeting.id}`
  return section ? `${path}#${section}` : path
}

export function editMeetingPath(meeting: { id: number; group: { id: number } }): string {
  return `${meetingPath(meeting)}/edit`
}

export function cancelMeetingPath(meeting: { id: number; group: { id: number } }): string {
  return `${meetingPath(meeting)}/cancel`
}

export function actionsPath(group: GroupId, state: ActionState = 'open'): string {
  return state === 'open' ? `/groups/${gid(group)}/actions` : `/groups/${gid(group)}/actions?state=${state}`
}

export function editActionPath(action: { id: number; group: { id: number } }): string {
  return `/groups/${action.group.id}/actions/${action.id}/edit`
}
