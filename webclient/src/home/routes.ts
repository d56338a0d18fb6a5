// The home page's address.

import type { Route } from '../shell/page'
import { homePage } from './home'

export const homeRoutes: Route[] = [{ pattern: /^\/$/, signedIn: true, navigation: 'home', page: homePage }]
