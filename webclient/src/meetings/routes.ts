// The addresses of a group's meetings and actions, under the group's: /groups/{gid}/meetings/... and
// /groups/{gid}/actions/...

import type { Page, Route } from '../shell/page'
import { actionsPage } from './actions'
import { cancelMeetingPage } from './cancel-meeting'
import { editActionPage } from './edit-action'
import { editMeetingPage } from './edit-meeting'
import { meetingPage } from './meeting'
import { meetingsListPage } from './meetings-list'
import { newMeetingPage } from './new-meeting'

const id = '[1-9][0-9]{0,17}'
const group = `/groups/(?<gid>${id})`

function route(pattern: string, page: Page): Route {
  return { pattern: new RegExp(`^${pattern}$`), signedIn: true, navigation: 'groups', page }
}

export const meetingsRoutes: Route[] = [
  route(`${group}/meetings`, meetingsListPage),
  route(`${group}/meetings/new`, newMeetingPage),
  route(`${group}/meetings/(?<id>${id})`, meetingPage),
  route(`${group}/meetings/(?<id>${id})/edit`, editMeetingPage),
  route(`${group}/meetings/(?<id>${id})/cancel`, cancelMeetingPage),
  route(`${group}/actions`, actionsPage),
  route(`${group}/actions/(?<id>${id})/edit`, editActionPage),
]
