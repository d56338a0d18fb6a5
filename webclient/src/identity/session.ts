// Who is signed in, as far as this tab knows. The server is the authority: every API call checks the session
// cookie, and a 401 on any call brings the user back to sign in.

import * as api from '../api'
import type { Credentials, Me, Role, SignedIn, SignedOutOfProvider } from './types'

let me: Me | null = null
const listeners: ((user: Me | null) => void)[] = []

/** Calls `listener` whenever someone signs in or out (and once the session is known at start). */
export function onSessionChange(listener: (user: Me | null) => void): void {
  listeners.push(listener)
}

function changed(user: Me | null): void {
  const before = me
  me = user
  const same = before?.id === user?.id && before?.roles.join() === user?.roles.join()
  if (!same) for (const listener of listeners) listener(user)
}

export function currentUser(): Me | null {
  return me
}

export function isSignedIn(): boolean {
  return me !== null
}

export function hasRole(role: Role): boolean {
  return me?.roles.includes(role) ?? false
}

/** Network admins manage every organisation's members; org admins their own organisation's. */
export function canManageMembers(organisationId: number): boolean {
  return hasRole('network_admin') || (hasRole('org_admin') && me?.organisation.id === organisationId)
}

/** Roles the signed-in user may give: org admins invite members and other org admins; network admins anyone. */
export function grantableRoles(): Role[] {
  if (hasRole('network_admin')) return ['member', 'org_admin', 'csw_office', 'moderator', 'network_admin']
  return hasRole('org_admin') ? ['member', 'org_admin'] : []
}

/** Whether the signed-in user may give all of `roles` (and so send again or withdraw an invitation to them). */
export function mayGrant(roles: readonly Role[]): boolean {
  const grantable = grantableRoles()
  return roles.every((role) => grantable.includes(role))
}

export function signedIn(answer: SignedIn): void {
  api.setCsrfToken(answer.csrf_token)
  changed(answer.user)
}

export function signedOut(): void {
  api.setCsrfToken(null)
  changed(null)
}

/** Asks the server who we are; no session is an answer, not an error. */
export async function loadSession(): Promise<Me | null> {
  try {
    const user = await api.get<Me>('/me', undefined, { signInOnUnauthenticated: false })
    api.setCsrfToken(user.csrf_token)
    changed(user)
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 401)) throw error
    signedOut()
  }
  return me
}

/** Takes the user's own changed details (the answer to PATCH /me), so every page shows the new ones. */
export function userUpdated(user: Me): void {
  api.setCsrfToken(user.csrf_token)
  changed(user)
}

/** Reads the signed-in user again (roles or organisation may have changed); a lost session goes to sign in. */
export async function refreshUser(): Promise<Me> {
  const user = await api.get<Me>('/me')
  api.setCsrfToken(user.csrf_token)
  changed(user)
  return user
}

/**
 * Signs in; the grant carries the recovery codes when this sign-in turned two-factor on. A 401 is the caller's to
 * read: a wrong email address or password, or a second step (two-factor-required, two-factor-setup-required).
 */
export async function signIn(credentials: Credentials): Promise<SignedIn> {
  const answer = await api.post<SignedIn>('/auth/login', credentials, { signInOnUnauthenticated: false })
  signedIn(answer)
  return answer
}

/**
 * Signs out here. A session that came from a council's sign-in which signs out too answers with its address: the
 * caller sends the browser there once this tab has forgotten the session. Null for every other session.
 */
export async function signOut(): Promise<string | null> {
  try {
    const answer = await api.post<SignedOutOfProvider | undefined>('/auth/logout', undefined, {
      signInOnUnauthenticated: false,
    })
    return answer?.provider_sign_out_url || null
  } finally {
    signedOut()
  }
}
