// The rules for a title and tags that discussions and library resources share, as the server checks them: the
// tags typed as one comma-separated line, and the errors shown before anything is sent.

import type { FormError } from '../shell/form'

export const maxTags = 5
const tagPattern = /^[a-z0-9 -]{1,30}$/

/** The tags typed in one box: trimmed, lower case, single spaces, each once. */
export function splitTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((item) => item.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean)
  return [...new Set(tags)]
}

/** Adds to `errors` what is wrong with the title in the box with id "title". */
export function checkTitle(title: string, errors: FormError[]): void {
  if (!title) errors.push({ field: 'title', message: 'Enter a title' })
  else if ([...title].length > 200) errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' })
}

/** Adds to `errors` what is wrong with the tags in the box with id "tags". */
export function checkTags(tags: readonly string[], errors: FormError[]): void {
  if (tags.length > maxTags) errors.push({ field: 'tags', message: `Enter ${maxTags} tags or fewer` })
  else if (tags.some((name) => !tagPattern.test(name))) {
    errors.push({
      field: 'tags',
      message: 'Tags must be 30 characters or fewer and use only letters, numbers, spaces and hyphens',
    })
  }
}
