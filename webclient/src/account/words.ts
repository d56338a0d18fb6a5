// The account pages' addresses and the words they share: the sectors and the Principal Social Worker posts as a
// person chooses their own, the limits of the profile's fields, what a link sent by email is valid for, whom the
// network credits with what a deleted account wrote, and why and by when two-factor authentication must be set up.

import type { PswRole, Sector } from '../identity/types'
import { dateWords } from '../shell/dates'
import type { TwoFactorStatus } from './types'

export const accountPaths = {
  account: '/account',
  profile: '/account/profile',
  password: '/account/password',
  email: '/account/email',
  sessions: '/account/sessions',
  twoFactor: '/account/two-factor',
  recoveryCodes: '/account/two-factor/recovery-codes',
  turnOffTwoFactor: '/account/two-factor/turn-off',
  deleteAccount: '/account/delete',
  calendarFeed: '/account/calendar',
  stopCalendarFeed: '/account/calendar/stop',
  accountDeleted: '/account-deleted',
  privacy: '/privacy',
  passwordReset: '/password-reset',
  /** The API address of "Download your data": a link with `download`, so the browser saves the ZIP it answers. */
  dataDownload: '/api/v1/me/data-export',
} as const

/** The longest name the server gives a deleted account, in characters (code points), as PostgreSQL's left() cuts. */
const formerMemberLimit = 100

/**
 * Whom what a deleted account wrote or shared is credited to, as the server shows it: the server keeps the first 100
 * characters, so a long organisation name is cut off here at the same place.
 */
export function formerMember(organisationName: string): string {
  return [...`A former member of ${organisationName}`].slice(0, formerMemberLimit).join('')
}

/** The choices of the profile's sector question, shorter than `sectorName` because the question says "services". */
export const sectorChoices: readonly { value: Sector; text: string }[] = [
  { value: 'children', text: 'Children’s services' },
  { value: 'adults', text: 'Adults’ services' },
  { value: 'both', text: 'Both' },
]

/** The choices of "Are you your organisation's Principal Social Worker?", which "Your account" repeats. */
export const pswRoleChoices: readonly { value: PswRole; text: string }[] = [
  { value: 'no', text: 'No' },
  { value: 'children', text: 'Yes, for children’s services' },
  { value: 'adults', text: 'Yes, for adults’ services' },
  { value: 'both', text: 'Yes, for both' },
]

/** The answer to that question in words: "Yes, for children’s services". */
export function pswRoleAnswer(role: PswRole): string {
  if (role === 'both') return 'Yes, for children’s and adults’ services'
  return pswRoleChoices.find((choice) => choice.value === role)?.text ?? role
}

/** The longest name, job title and "ask me about" the server accepts, in characters (code points). */
export const profileLimits = { display_name: 100, job_title: 100, ask_me_about: 300 } as const

/** How long the links of account emails work, as the contract sets them. */
export const linkLifetimes = { passwordReset: '1 hour', emailConfirmation: '24 hours' } as const

/** Characters as the server counts them (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length
}

// What an email address looks like, and the words for one that does not: signing in asks for addresses too.
export { emailFormatMessage, looksLikeEmail } from '../identity/words'

/** "You must set up two-factor authentication by 3 December 2026", when it must be and is not on yet. */
export function twoFactorDeadline(status: TwoFactorStatus): string | null {
  if (!status.required || status.enabled) return null
  const by = status.setup_deadline ? ` by ${dateWords(status.setup_deadline)}` : ''
  return `You must set up two-factor authentication${by}`
}

/** Why two-factor authentication must stay on, when something requires it. */
export function twoFactorRequirement(status: TwoFactorStatus, organisationName: string): string | null {
  if (status.required_by === 'role') return 'People with your role on PSW Network must use two-factor authentication.'
  if (status.required_by === 'organisation') {
    return `${organisationName} requires everyone there to use two-factor authentication.`
  }
  return null
}
