// The addresses of the organisations directory and of an organisation's page.

import type { Route } from '../shell/page'
import { organisationPage } from './organisation'
import { organisationsPage } from './organisations'

export const directoryRoutes: Route[] = [
  { pattern: /^\/organisations$/, signedIn: true, navigation: 'organisations', page: organisationsPage },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'organisations',
    page: organisationPage,
  },
]
