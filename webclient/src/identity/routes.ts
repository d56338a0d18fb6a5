// The addresses of signing in and out, accepting an invitation, and withdrawing one of an organisation's invitations.

import type { Route } from '../shell/page'
import { invitationPage } from './invitation'
import { withdrawInvitationPage } from './pending-invitations'
import { signInPage } from './sign-in'
import { signOutPage } from './sign-out'

export const identityRoutes: Route[] = [
  { pattern: /^\/sign-in$/, signedIn: false, navigation: null, page: signInPage },
  { pattern: /^\/sign-out$/, signedIn: false, navigation: null, page: signOutPage },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})\/invitations\/(?<invitation>[1-9][0-9]{0,17})\/withdraw$/,
    signedIn: true,
    navigation: 'organisations',
    page: withdrawInvitationPage,
  },
  {
    pattern: /^\/invitations\/(?<token>[A-Za-z0-9_~.-]{1,200})$/,
    signedIn: false,
    navigation: null,
    page: invitationPage,
  },
]
