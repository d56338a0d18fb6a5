// The Admin page's address; its tools keep their own (/moderation, /admin/outbox) under the same navigation item.

import type { Route } from '../shell/page'
import { adminPage } from './admin'

export const adminRoutes: Route[] = [
  { pattern: /^\/admin$/, signedIn: true, navigation: 'admin', page: () => Promise.resolve(adminPage()) },
]
