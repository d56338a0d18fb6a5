// "Admin": the tools a moderator or network administrator has, behind one navigation item so that the service
// navigation stays on one line for them too.

import { mayModerate } from '../forum/moderation'
import { h } from '../shell/dom'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { mayReadOutbox } from '../notifications/outbox'
import { identityProviderPaths, mayManageIdentityProviders } from './identity-providers'
import { mayAddOrganisations, newOrganisationPath } from './new-organisation'

/** Whether the signed-in user has any tool on the Admin page. */
export function mayAdminister(): boolean {
  return mayModerate() || mayReadOutbox() || mayManageIdentityProviders() || mayAddOrganisations()
}

interface Tool {
  href: string
  name: string
  description: string
}

export function adminPage(): PageView {
  const tools: Tool[] = [
    ...(mayModerate()
      ? [{ href: '/moderation', name: 'Moderation', description: 'Posts that people have reported, to hide or keep.' }]
      : []),
    ...(mayReadOutbox()
      ? [{ href: '/admin/outbox', name: 'Email outbox', description: 'Emails waiting to go, sent, and failed.' }]
      : []),
    ...(mayManageIdentityProviders()
      ? [
          {
            href: identityProviderPaths.list,
            name: 'Identity providers',
            description: 'Councils’ own sign-in services, which people can use instead of a password.',
          },
        ]
      : []),
    ...(mayAddOrganisations()
      ? [
          {
            href: newOrganisationPath,
            name: 'Add an organisation',
            description:
              'NHS trusts, children’s trusts, community interest companies and other employers of Principal Social ' +
              'Workers, whose people answer consultations about the services they run.',
          },
        ]
      : []),
  ]
  return {
    title: 'Admin',
    content: twoThirds(
      pageHeading('Admin'),
      tools.length === 0
        ? paragraph('You have no administration tools.')
        : h(
            'ul',
            { class: 'govuk-list' },
            tools.map((tool) =>
              h(
                'li',
                { class: 'govuk-!-margin-bottom-4' },
                h('h2', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, link(tool.href, tool.name)),
                paragraph(tool.description),
              ),
            ),
          ),
    ),
  }
}
