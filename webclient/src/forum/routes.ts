// The addresses of the discussions pages and the moderators' queue.

import type { Route } from '../shell/page'
import { discussionsPage } from './discussions'
import { moderationPage } from './moderation'
import { newThreadPage } from './new-thread'
import { threadPage } from './thread'

export const forumRoutes: Route[] = [
  { pattern: /^\/discussions$/, signedIn: true, navigation: 'discussions', page: discussionsPage },
  { pattern: /^\/discussions\/new$/, signedIn: true, navigation: 'discussions', page: newThreadPage },
  {
    pattern: /^\/discussions\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'discussions',
    page: threadPage,
  },
  { pattern: /^\/moderation$/, signedIn: true, navigation: 'admin', page: moderationPage },
]
