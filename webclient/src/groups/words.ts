// Group values in plain words, the addresses of the groups pages, and who is offered the way to create a group.

import { hasRole } from '../identity/session'
import { count } from '../shell/words'
import type { Group, GroupKind, GroupPrivacy, GroupRole } from './types'

export const kindNames: Readonly<Record<GroupKind, string>> = {
  regional_network: 'Regional network',
  national_network: 'National network',
  interest: 'Special-interest group',
}

export const kindHints: Readonly<Record<GroupKind, string>> = {
  regional_network: 'The children’s or adults’ Principal Social Workers of one region.',
  national_network: 'The children’s or adults’ Principal Social Workers of England.',
  interest: 'For example, MASH leads, AMHP leads, ASYE leads or a teaching partnership.',
}

export const kinds = Object.keys(kindNames) as GroupKind[]

/** Who can join, as the list and the group's page say it. */
export const privacyNames: Readonly<Record<GroupPrivacy, string>> = {
  open: 'Open: anyone can join',
  restricted: 'Restricted: ask to join',
  private: 'Private',
}

export const privacyHints: Readonly<Record<GroupPrivacy, string>> = {
  open: 'Anyone in the network can join, and read its discussions.',
  restricted:
    'Anyone can find it and ask to join; an owner approves them. Only its members read its discussions and see who ' +
    'belongs to it.',
  private: 'Only its members know it exists. Its owners add its members.',
}

export const privacies = Object.keys(privacyNames) as GroupPrivacy[]

export const roleNames: Readonly<Record<GroupRole, string>> = {
  owner: 'Owner',
  member: 'Member',
}

/** The caller's place in a group, as a sentence; null when they have nothing to do with it yet. */
export function membershipWords(group: Pick<Group, 'my_role' | 'requested'>): string | null {
  if (group.my_role === 'owner') return 'You are an owner'
  if (group.my_role === 'member') return 'You are a member'
  if (group.requested) return 'You have asked to join'
  return null
}

export function memberCount(group: Pick<Group, 'member_count'>): string {
  return count(group.member_count, 'member', 'members')
}

export const groupsPath = '/groups'

export const newGroupPath = '/groups/new'

export function groupPath(group: { id: number }, section?: 'discussions' | 'members' | 'join-requests'): string {
  return section ? `/groups/${group.id}#${section}` : `/groups/${group.id}`
}

export function groupSettingsPath(group: { id: number }): string {
  return `/groups/${group.id}/settings`
}

export function leaveGroupPath(group: { id: number }): string {
  return `/groups/${group.id}/leave`
}

/**
 * Whether to offer "Create a group": network administrators create any group, people who own a group create
 * special-interest groups. The server decides.
 */
export function mayCreateGroups(mine: readonly Pick<Group, 'my_role'>[]): boolean {
  return hasRole('network_admin') || mine.some((group) => group.my_role === 'owner')
}

/** Whether the network kinds (regional and national) are offered: only to network administrators. */
export function mayCreateNetworks(): boolean {
  return hasRole('network_admin')
}
