// The groups the library offers: the reader's own, to share a resource with one (those they may post in) or to find
// the resources shared with one; and one group by its id, from an address such as /library/new?group_id=3.

import * as api from '../api'
import type { LibraryGroup } from './types'

/** Every group the reader belongs to (GET /groups?mine=true), however many pages, in the server's order. */
export async function myGroups(): Promise<LibraryGroup[]> {
  const found: LibraryGroup[] = []
  let cursor: string | null = null
  do {
    const page: api.ListPage<LibraryGroup> = await api.get<api.ListPage<LibraryGroup>>('/groups', {
      mine: 'true',
      limit: 100,
      cursor,
    })
    found.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return found
}

/** The group an address names (`id` as written there); null when it names none, or one the reader cannot see. */
export async function groupNamed(id: string): Promise<LibraryGroup | null> {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) return null
  try {
    return await api.get<LibraryGroup>(`/groups/${id}`)
  } catch (error) {
    if (error instanceof api.ApiProblem && error.status === 404) return null
    throw error
  }
}
