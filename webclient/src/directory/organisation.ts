// One organisation: its details, who's who there, its statistical neighbours and the other authorities in its
// region, and for its administrators the members section and how its people sign in.

import * as api from '../api'
import { signInPolicySection } from '../admin/sign-in-policy'
import { membersSection } from '../identity/members'
import { canManageMembers, currentUser } from '../identity/session'
import { h } from '../shell/dom'
import { buttonLink, caption, link, pageHeading, paragraph, tabs, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { scrollingTable, summaryList } from '../shell/tables'
import { peopleSection } from './people'
import type { NeighbourGroup, Neighbours, Organisation } from './types'
import { kindNames, organisationPath, organisationType } from './words'

export async function organisationPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const path = `/organisations/${id}`
  const organisation = await api.get<Organisation>(path)

  const neighbours = (group: NeighbourGroup): Promise<Neighbours> =>
    api.get<Neighbours>(`${path}/neighbours`, { group })
  const manages = canManageMembers(organisation.id)
  const [people, statistical, region, members, signInPolicy] = await Promise.all([
    peopleSection(organisation),
    organisation.in_statistical_neighbour_model ? neighbours('statistical') : null,
    organisation.region ? neighbours('region') : null,
    manages ? membersSection(organisation, context.flash) : null,
    manages ? signInPolicySection(organisation) : null,
  ])

  return {
    title: organisation.name,
    content: [
      caption(kindNames[organisation.kind] ?? 'Organisation'),
      pageHeading(organisation.name),
      twoThirds(details(organisation), actions(organisation)),
      people,
      comparisons(organisation, statistical, region),
      members,
      signInPolicy,
    ],
  }
}

function details(organisation: Organisation): HTMLElement {
  return summaryList([
    { key: organisation.kind === 'local_authority' ? 'ONS code' : 'Code', value: organisation.code },
    ...(organisation.dfe_la_code === null ? [] : [{ key: 'DfE LA number', value: String(organisation.dfe_la_code) }]),
    { key: 'Type', value: organisationType(organisation) },
    { key: 'Region', value: organisation.region?.name ?? 'None' },
    ...(organisation.london_subregion ? [{ key: 'London', value: organisation.london_subregion }] : []),
  ])
}

/** For a local authority: its workforce figures, and a question to it (not to the viewer's own authority). */
function actions(organisation: Organisation): HTMLElement | null {
  if (organisation.kind !== 'local_authority') return null
  const own = currentUser()?.organisation.id === organisation.id
  return h(
    'div',
    { class: 'govuk-!-margin-bottom-6' },
    paragraph(
      link(
        `/benchmarking?organisation_id=${organisation.id}`,
        `See ${organisation.name}’s workforce figures compared with its neighbours`,
      ),
    ),
    own
      ? null
      : buttonLink(
          `/discussions/new?organisation=${organisation.id}`,
          `Ask ${organisation.name} a question`,
          'secondary',
        ),
  )
}

function comparisons(
  organisation: Organisation,
  statistical: Neighbours | null,
  region: Neighbours | null,
): HTMLElement {
  const panels = [
    statistical && {
      id: 'statistical-neighbours',
      label: 'Statistical neighbours',
      panel: [
        h('h2', { class: 'govuk-heading-m' }, 'Statistical neighbours'),
        paragraph(
          `The 10 local authorities most similar to ${organisation.name} in the Department for Education’s ` +
            '2025 statistical neighbour model, closest first.',
        ),
        scrollingTable({
          caption: `Statistical neighbours of ${organisation.name}`,
          captionHidden: true,
          columns: [{ header: 'Rank', numeric: true }, { header: 'Local authority' }, { header: 'Closeness' }],
          rows: statistical.items.map((neighbour) => [
            String(neighbour.rank ?? ''),
            link(organisationPath(neighbour.organisation), neighbour.organisation.name),
            neighbour.closeness ?? 'Not known',
          ]),
        }),
      ],
    },
    region && {
      id: 'region-authorities',
      label: 'Other authorities in the region',
      panel: [
        h('h2', { class: 'govuk-heading-m' }, `Other authorities in ${organisation.region?.name ?? 'the region'}`),
        region.items.length === 0
          ? paragraph('There are no other authorities in this region.')
          : scrollingTable({
              caption: `Other local authorities in ${organisation.region?.name ?? 'the region'}`,
              captionHidden: true,
              firstCellIsHeader: true,
              columns: [{ header: 'Local authority' }, { header: 'Code' }, { header: 'Type' }],
              rows: region.items.map((neighbour) => [
                link(organisationPath(neighbour.organisation), neighbour.organisation.name),
                neighbour.organisation.code,
                organisationType(neighbour.organisation),
              ]),
            }),
      ],
    },
  ].filter((panel) => panel !== null)

  if (panels.length === 0) {
    return paragraph(`${organisation.name} is not part of the statistical neighbour model and has no region.`)
  }
  return h('div', { class: 'app-section' }, tabs('Compare with', panels))
}
