// The home page: who you are in the network, your organisation, where to go next and the latest discussions.

import { recentDiscussions } from '../forum/recent'
import { canManageMembers, refreshUser } from '../identity/session'
import { roleList } from '../identity/words'
import { h } from '../shell/dom'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'

export async function homePage(): Promise<PageView> {
  const [me, recent] = await Promise.all([refreshUser(), recentDiscussions()])
  const organisationPath = `/organisations/${me.organisation.id}`
  const nextSteps = [
    h('li', null, link(organisationPath, `${me.organisation.name} and its statistical neighbours`)),
    h('li', null, link('/organisations', 'Find an organisation')),
    canManageMembers(me.organisation.id) &&
      h('li', null, link(`${organisationPath}#members`, `Manage members of ${me.organisation.name}`)),
  ]
  return {
    title: 'Home',
    content: twoThirds(
      pageHeading(`Welcome, ${me.display_name}`),
      h('h2', { class: 'govuk-heading-m' }, 'You'),
      summaryList([
        { key: 'Name', value: me.display_name },
        { key: 'Email address', value: me.email },
        { key: 'Organisation', value: link(organisationPath, me.organisation.name) },
        { key: 'Sector', value: sectorName(me.sector) },
        { key: 'Roles', value: roleList(me.roles) },
      ]),
      paragraph(link('/settings/notifications', 'Change how you are notified by email')),
      h('h2', { class: 'govuk-heading-m' }, 'Find your peers'),
      h('ul', { class: 'govuk-list' }, nextSteps),
      recent,
    ),
  }
}
