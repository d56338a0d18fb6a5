// The addresses of signing in and out (and the page a council's sign-in comes back to once it has signed the person
// out), accepting an invitation, withdrawing one of an organisation's invitations, and approving or declining someone
// asking to join.

import type { Route } from '../shell/page'
import { approveAccessRequestPage, declineAccessRequestPage } from './access-requests'
import { invitationPage } from './invitation'
import { withdrawInvitationPage } from './pending-invitations'
import { signInPage } from './sign-in'
import { signOutPage, signedOutPage } from './sign-out'

export const identityRoutes: Route[] = [
  { pattern: /^\/sign-in$/, signedIn: false, navigation: null, page: signInPage },
  { pattern: /^\/sign-out$/, signedIn: false, navigation: null, page: signOutPage },
  { pattern: /^\/signed-out$/, signedIn: false, navigation: null, page: signedOutPage },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})\/invitations\/(?<invitation>[1-9][0-9]{0,17})\/withdraw$/,
    signedIn: true,
    navigation: 'organisations',
    page: withdrawInvitationPage,
  },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})\/access-requests\/(?<request>[1-9][0-9]{0,17})\/approve$/,
    signedIn: true,
    navigation: 'organisations',
    page: approveAccessRequestPage,
  },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})\/access-requests\/(?<request>[1-9][0-9]{0,17})\/decline$/,
    signedIn: true,
    navigation: 'organisations',
    page: declineAccessRequestPage,
  },
  {
    pattern: /^\/invitations\/(?<token>[A-Za-z0-9_~.-]{1,200})$/,
    signedIn: false,
    navigation: null,
    page: invitationPage,
  },
]
