// A group's Library section, for those who may read the group: the newest resources shared with it (GET
// /resources?group_id=), with a link to all of them in the practice library when there are more, and for those who
// may post in it the way to share one with it. The library's own list shows each resource.

import * as api from '../api'
import { ResourceList } from '../library/resource-list'
import type { ResourceSummary } from '../library/types'
import { groupResourcesPath, newResourcePath } from '../library/words'
import { h } from '../shell/dom'
import { buttonLink, link, paragraph } from '../shell/govuk'
import type { Group } from './types'

/** How many of its resources a group's page shows; the library lists them all. */
const shownResources = 5

export type GroupResources = api.ListPage<ResourceSummary>

export function loadGroupResources(group: Pick<Group, 'id'>): Promise<GroupResources> {
  return api.get<GroupResources>('/resources', { group_id: group.id, limit: shownResources })
}

export function librarySection(group: Group, resources: GroupResources): HTMLElement {
  const list = new ResourceList(resources.items, paragraph('Nobody has shared a resource with this group yet.'), {
    showWhoCanSee: false,
  })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'library' },
    h('h2', { class: 'govuk-heading-m', id: 'library' }, 'Library'),
    paragraph(
      'Policies, templates and tools shared with this group. ',
      group.privacy === 'open'
        ? 'Everyone in the network can see them, as the group is open.'
        : 'Only its members can see them.',
    ),
    group.can_post
      ? buttonLink(newResourcePath({ groupId: group.id }), 'Share a resource with this group', 'secondary')
      : paragraph('Join this group to share a resource with it.'),
    list.element,
    resources.next_cursor !== null &&
      paragraph(link(groupResourcesPath(group), 'See all the resources shared with this group')),
  )
}
