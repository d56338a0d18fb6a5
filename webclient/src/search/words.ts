// Search values in plain words, and where each hit leads.

import { postPath } from '../forum/words'
import { resourcePath } from '../library/words'
import type { SearchHit } from './types'

export const hitKindNames: Readonly<Record<SearchHit['type'], string>> = {
  thread: 'Discussion',
  post: 'Reply in a discussion',
  resource: 'Practice resource',
}

/** The discussion, the reply within it, or the practice resource that a hit is about. */
export function hitPath(hit: SearchHit): string {
  if (hit.type === 'resource') return resourcePath({ id: hit.resource_id })
  return postPath(hit.thread_id, hit.type === 'post' ? hit.post_id : null)
}

/** What someone searched for, as a sentence quotes it: “supervision”. */
export function quoted(words: string): string {
  return `“${words}”`
}

export function searchPath(words = ''): string {
  return words === '' ? '/search' : `/search?${new URLSearchParams({ q: words }).toString()}`
}
