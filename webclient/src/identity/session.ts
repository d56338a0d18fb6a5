// Who is signed in, as far as this tab knows. The server is the authority: every API call checks the session
// cookie, and a 401 on any call brings the user back to sign in.

import * as api from '../api'
import type { Me, Role, SignedIn } from './types'

let me: Me | null = null

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

export function signedIn(answer: SignedIn): void {
  me = answer.user
  api.setCsrfToken(answer.csrf_token)
}

export function signedOut(): void {
  me = null
  api.setCsrfToken(null)
}

/** Asks the server who we are; no session is an answer, not an error. */
export async function loadSession(): Promise<Me | null> {
  try {
    const user = await api.get<Me>('/me', undefined, { signInOnUnauthenticated: false })
    me = user
    api.setCsrfToken(user.csrf_token)
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 401)) throw error
    signedOut()
  }
  return me
}

/** Reads the signed-in user again (roles or organisation may have changed); a lost session goes to sign in. */
export async function refreshUser(): Promise<Me> {
  const user = await api.get<Me>('/me')
  me = user
  api.setCsrfToken(user.csrf_token)
  return user
}

export async function signIn(email: string, password: string): Promise<Me> {
  const answer = await api.post<SignedIn>('/auth/login', { email, password }, { signInOnUnauthenticated: false })
  signedIn(answer)
  return answer.user
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { signInOnUnauthenticated: false })
  } finally {
    signedOut()
  }
}
