// The saved comparator groups of the person's organisation, as LG Inform offers them: named groups of organisations
// that benchmarking compares with and questions are asked of. Read afresh by each page, since they change.

import * as api from '../api'
import type { ComparatorGroup, ComparatorGroupList } from './types'

/** The API's address of the organisation's groups, or of one. */
export function comparatorGroupsApiPath(id?: number): string {
  return id === undefined ? '/comparator-groups' : `/comparator-groups/${id}`
}

/** The organisation's saved groups, by name. */
export async function loadComparatorGroups(): Promise<ComparatorGroup[]> {
  return (await api.get<ComparatorGroupList>(comparatorGroupsApiPath())).items
}

export function loadComparatorGroup(id: number): Promise<ComparatorGroup> {
  return api.get<ComparatorGroup>(comparatorGroupsApiPath(id))
}

/** "Kingston upon Thames, Portsmouth and Wiltshire"; past `shown` names, "and 4 others". */
export function memberNames(group: { members: readonly { name: string }[] }, shown = Number.POSITIVE_INFINITY): string {
  const names = group.members.map((member) => member.name)
  if (names.length > shown) {
    const others = names.length - shown
    return `${names.slice(0, shown).join(', ')} and ${others === 1 ? '1 other' : `${others} others`}`
  }
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
