// What the account pages that send or open an emailed link share: asking whether a link still works, the page for
// one that does not, and "Check your email" (shown in place of the form that was sent, see shell/in-place.ts).

import * as api from '../api'
import type { Child } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { pageHeading, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import type { AccountTokenPreview } from './types'

/** The API path of an emailed link's token, such as `/auth/password-reset/{token}`. */
export function tokenPath(base: string, token: string | undefined): string {
  return `${base}/${encodeURIComponent(token ?? '')}`
}

/** Which address a link is for, or null when it is unknown, used or expired (404). Nobody needs to be signed in. */
export async function previewLink(path: string): Promise<AccountTokenPreview | null> {
  try {
    return await api.get<AccountTokenPreview>(path, undefined, { signInOnUnauthenticated: false })
  } catch (error) {
    if (error instanceof api.ApiProblem && error.status === 404) return null
    throw error
  }
}

/** The page of a link that no longer works; `next` says what to do instead. */
export function usedLinkPage(...next: HTMLElement[]): PageView {
  return messagePage('Link expired', 'This link has expired or has already been used', ...next)
}

/** "Check your email", once a link is on its way. */
export function checkYourEmail(...body: Child[]): PageView {
  return { title: 'Check your email', content: twoThirds(pageHeading('Check your email'), ...body) }
}
