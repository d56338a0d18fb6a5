// The facts about a resource beside its summary: type, sector, tags, licence (with a link to its text), who shares
// it, who wrote it, who can see it (the group it is shared with, a link to the group) and when it last changed.

import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { link } from '../shell/govuk'
import { summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import type { Resource } from './types'
import { libraryTagPath, licenceLinks, licenceNames, typeNames, whoCanSee } from './words'

export function resourceDetails(resource: Resource): HTMLElement {
  const licenceLink = licenceLinks[resource.licence]
  const licenceName = licenceNames[resource.licence] ?? resource.licence
  return summaryList([
    { key: 'Type', value: typeNames[resource.type] ?? resource.type },
    { key: 'Services', value: sectorName(resource.sector) },
    {
      key: 'Tags',
      value:
        resource.tags.length === 0
          ? 'None'
          : h(
              'ul',
              { class: 'govuk-list' },
              resource.tags.map((name) => h('li', null, link(libraryTagPath(name), name))),
            ),
    },
    {
      key: 'Licence',
      value: licenceLink
        ? h('a', { class: 'govuk-link', href: licenceLink, rel: 'license noopener noreferrer' }, licenceName)
        : [licenceName, ': ask ', resource.organisation.name, ' before you reuse it'],
    },
    { key: 'Shared by', value: link(`/organisations/${resource.organisation.id}`, resource.organisation.name) },
    { key: 'Author', value: resource.author.display_name },
    { key: 'Who can see it', value: whoCanSee(resource) },
    { key: 'Last updated', value: timeElement(resource.updated_at) },
  ])
}
