// The addresses of workforce benchmarking: the dashboard, a measure's page, local figures, the imports, the
// organisation's saved comparator groups and the caseload health check.

import { itemStepRoutes, type Route } from '../shell/page'
import { caseloadHealthPage } from './caseload-health'
import { caseloadReturnPage } from './caseload-return'
import { dashboardPage } from './dashboard'
import { changeComparatorGroupPage, newComparatorGroupPage } from './group-form'
import { comparatorGroupsPage, deleteComparatorGroupPage } from './groups'
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
  {
    pattern: /^\/benchmarking\/caseload-health$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: caseloadHealthPage,
  },
  {
    pattern: /^\/benchmarking\/caseload-health\/return$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: caseloadReturnPage,
  },
  { pattern: /^\/benchmarking\/groups$/, signedIn: true, navigation: 'benchmarking', page: comparatorGroupsPage },
  {
    pattern: /^\/benchmarking\/groups\/new$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: newComparatorGroupPage,
  },
  {
    pattern: /^\/benchmarking\/groups\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: changeComparatorGroupPage,
  },
  ...itemStepRoutes('/benchmarking/groups', 'benchmarking', [['delete', deleteComparatorGroupPage]]),
]
