// The Admin page's address, and the identity providers' and adding an organisation under it; the other tools keep
// their own (/moderation, /admin/outbox) under the same navigation item.

import { itemStepRoutes, type Route } from '../shell/page'
import { adminPage } from './admin'
import { changeIdentityProviderPage, newIdentityProviderPage } from './identity-provider-form'
import { identityProvidersPage, removeIdentityProviderPage } from './identity-providers'
import { newOrganisationPage } from './new-organisation'

export const adminRoutes: Route[] = [
  { pattern: /^\/admin$/, signedIn: true, navigation: 'admin', page: () => Promise.resolve(adminPage()) },
  { pattern: /^\/admin\/identity-providers$/, signedIn: true, navigation: 'admin', page: identityProvidersPage },
  { pattern: /^\/admin\/identity-providers\/new$/, signedIn: true, navigation: 'admin', page: newIdentityProviderPage },
  {
    pattern: /^\/admin\/identity-providers\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'admin',
    page: changeIdentityProviderPage,
  },
  ...itemStepRoutes('/admin/identity-providers', 'admin', [['remove', removeIdentityProviderPage]]),
  { pattern: /^\/admin\/organisations\/new$/, signedIn: true, navigation: 'admin', page: newOrganisationPage },
]
