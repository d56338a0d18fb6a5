// The addresses of account self-service: your details, password, email address, two-factor authentication, sessions
// and the calendar feed of your meetings, and deleting your account (signed in); the pages that the links of account
// emails open (signed in or not): resetting a forgotten password and confirming a new email address; and, for
// everyone, the confirmation of a deleted account and the privacy notice.

import type { Route } from '../shell/page'
import { accountPage } from './account'
import { accountDeletedPage } from './account-deleted'
import { calendarFeedPage } from './calendar-feed'
import { confirmEmailPage } from './confirm-email'
import { deleteAccountPage } from './delete-account'
import { changeEmailPage } from './email'
import { forgottenPasswordPage } from './forgotten-password'
import { changePasswordPage } from './password'
import { privacyPage } from './privacy'
import { profilePage } from './profile'
import { recoveryCodesPage } from './recovery-codes'
import { resetPasswordPage } from './reset-password'
import { sessionsPage } from './sessions'
import { stopCalendarFeedPage } from './stop-calendar-feed'
import { turnOffTwoFactorPage } from './turn-off-two-factor'
import { twoFactorPage } from './two-factor'

const token = '(?<token>[A-Za-z0-9_~.-]{1,200})'

export const accountRoutes: Route[] = [
  { pattern: /^\/account$/, signedIn: true, navigation: 'account', page: accountPage },
  { pattern: /^\/account\/profile$/, signedIn: true, navigation: 'account', page: profilePage },
  { pattern: /^\/account\/password$/, signedIn: true, navigation: 'account', page: changePasswordPage },
  { pattern: /^\/account\/email$/, signedIn: true, navigation: 'account', page: changeEmailPage },
  { pattern: /^\/account\/sessions$/, signedIn: true, navigation: 'account', page: sessionsPage },
  { pattern: /^\/account\/two-factor$/, signedIn: true, navigation: 'account', page: twoFactorPage },
  {
    pattern: /^\/account\/two-factor\/recovery-codes$/,
    signedIn: true,
    navigation: 'account',
    page: recoveryCodesPage,
  },
  { pattern: /^\/account\/two-factor\/turn-off$/, signedIn: true, navigation: 'account', page: turnOffTwoFactorPage },
  { pattern: /^\/account\/calendar$/, signedIn: true, navigation: 'account', page: calendarFeedPage },
  { pattern: /^\/account\/calendar\/stop$/, signedIn: true, navigation: 'account', page: stopCalendarFeedPage },
  { pattern: /^\/account\/delete$/, signedIn: true, navigation: 'account', page: deleteAccountPage },
  { pattern: /^\/account-deleted$/, signedIn: false, navigation: null, page: accountDeletedPage },
  { pattern: /^\/privacy$/, signedIn: false, navigation: null, page: privacyPage },
  { pattern: /^\/password-reset$/, signedIn: false, navigation: null, page: forgottenPasswordPage },
  { pattern: new RegExp(`^/password-reset/${token}$`), signedIn: false, navigation: null, page: resetPasswordPage },
  { pattern: new RegExp(`^/confirm-email/${token}$`), signedIn: false, navigation: null, page: confirmEmailPage },
]
