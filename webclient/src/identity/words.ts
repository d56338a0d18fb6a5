// Identity values in plain words, as users see them.

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
