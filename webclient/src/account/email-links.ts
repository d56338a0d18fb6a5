// What the account pages that send or open an emailed link share: asking whether a link still works, the page for
// one that does not, and showing "Check your email" (or a confirmation) in place of the form that was sent.

import * as api from '../api'
import { type Child, replaceContent } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { initComponents, pageHeading, twoThirds } from '../shell/govuk'
import { focusMainHeading, setPageTitle } from '../shell/layout'
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

/**
 * Shows what happened in place of the page's form, at the same address (a link sent, a password reset): the form
 * cannot be sent twice by going back, and focus moves to the new heading as after a page change.
 */
export function showInPlace(container: HTMLElement, view: PageView): void {
  replaceContent(container, view.content)
  initComponents(container)
  setPageTitle(view.title)
  focusMainHeading()
}
