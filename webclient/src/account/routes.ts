// The addresses of account self-service: your details, password, email address and sessions (signed in), and the
// pages that the links of account emails open (signed in or not): resetting a forgotten password and confirming a
// new email address.

import type { Route } from '../shell/page'
import { accountPage } from './account'
import { confirmEmailPage } from './confirm-email'
import { changeEmailPage } from './email'
import { forgottenPasswordPage } from './forgotten-password'
import { changePasswordPage } from './password'
import { profilePage } from './profile'
import { resetPasswordPage } from './reset-password'
import { sessionsPage } from './sessions'

const token = '(?<token>[A-Za-z0-9_~.-]{1,200})'

export const accountRoutes: Route[] = [
  { pattern: /^\/account$/, signedIn: true, navigation: 'account', page: accountPage },
  { pattern: /^\/account\/profile$/, signedIn: true, navigation: 'account', page: profilePage },
  { pattern: /^\/account\/password$/, signedIn: true, navigation: 'account', page: changePasswordPage },
  { pattern: /^\/account\/email$/, signedIn: true, navigation: 'account', page: changeEmailPage },
  { pattern: /^\/account\/sessions$/, signedIn: true, navigation: 'account', page: sessionsPage },
  { pattern: /^\/password-reset$/, signedIn: false, navigation: null, page: forgottenPasswordPage },
  { pattern: new RegExp(`^/password-reset/${token}$`), signedIn: false, navigation: null, page: resetPasswordPage },
  { pattern: new RegExp(`^/confirm-email/${token}$`), signedIn: false, navigation: null, page: confirmEmailPage },
]
