// Identity values in plain words, as users see them, how long to wait after trying too often, and what an email
// address looks like.

import type { Role } from './types'

const roleNames: Record<Role, string> = {
  member: 'Member',
  org_admin: 'Organisation administrator',
  csw_office: 'Chief Social Worker’s office',
  moderator: 'Moderator',
  network_admin: 'Network administrator',
}

export function roleName(role: Role): string {
  return roleNames[role] ?? role
}

export function roleList(roles: readonly Role[]): string {
  return roles.map(roleName).join(', ')
}

/** "Wait 3 minutes, then try again.", from a 429's Retry-After (15 minutes when it gave none). */
export function waitWords(seconds: number | null): string {
  if (seconds === null) return 'Wait 15 minutes, then try again.'
  if (seconds < 60) return `Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, then try again.`
  const minutes = Math.ceil(seconds / 60)
  return `Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`
}

/** Roughly what the server accepts as an address: it decides; this only catches slips before sending. */
export function looksLikeEmail(address: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)
}

export const emailFormatMessage = 'Enter an email address in the correct format, like name@example.com'
