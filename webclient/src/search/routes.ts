// The address of the network-wide search.

import type { Route } from '../shell/page'
import { searchPage } from './search'

export const searchRoutes: Route[] = [{ pattern: /^\/search$/, signedIn: true, navigation: 'search', page: searchPage }]
