// The addresses of workforce benchmarking: the dashboard, a measure's page, local figures and the imports.

import type { Route } from '../shell/page'
import { dashboardPage } from './dashboard'
import { importsPage } from './imports'
import { metricPage } from './metric'
import { submissionsPage } from './submissions'

export const benchmarkingRoutes: Route[] = [
  { pattern: /^\/benchmarking$/, signedIn: true, navigation: 'benchmarking', page: dashboardPage },
  {
    pattern: /^\/benchmarking\/metrics\/(?<key>[a-z][a-z0-9_]{1,62})$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: metricPage,
  },
  { pattern: /^\/benchmarking\/submissions$/, signedIn: true, navigation: 'benchmarking', page: submissionsPage },
  { pattern: /^\/benchmarking\/imports$/, signedIn: true, navigation: 'benchmarking', page: importsPage },
]
