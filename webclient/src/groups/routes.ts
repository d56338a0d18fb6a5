// The addresses of the groups pages: the list, creating a group, a group's page and its steps (/groups/{id}/...).

import { type Route, itemStepRoutes } from '../shell/page'
import { groupPage } from './group'
import { groupsPage } from './groups'
import { leaveGroupPage } from './leave'
import { newGroupPage } from './new-group'
import { groupSettingsPage } from './settings'

export const groupsRoutes: Route[] = [
  { pattern: /^\/groups$/, signedIn: true, navigation: 'groups', page: groupsPage },
  { pattern: /^\/groups\/new$/, signedIn: true, navigation: 'groups', page: newGroupPage },
  { pattern: /^\/groups\/(?<id>[1-9][0-9]{0,17})$/, signedIn: true, navigation: 'groups', page: groupPage },
  ...itemStepRoutes('/groups', 'groups', [
    ['settings', groupSettingsPage],
    ['leave', leaveGroupPage],
  ]),
]
