// One organisation: its details (for another employer of PSWs, the services it runs and the local authorities it
// runs them for; for a local authority, who runs its services when another employer does), who's who there, its
// statistical neighbours and the other authorities in its region, and for its administrators the members section and
// how its people sign in.

import * as api from '../api'
import { signInPolicySection } from '../admin/sign-in-policy'
import { membersSection } from '../identity/members'
import { canManageMembers, currentUser } from '../identity/session'
import { type Child, h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, link, pageHeading, paragraph, tabs, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { scrollingTable, summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import { peopleSection } from './people'
import type { NeighbourGroup, Neighbours, Organisation } from './types'
import { type EmployerKind, employerKinds, kindNames, organisationPath, organisationType } from './words'

export async function organisationPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const path = `/organisations/${id}`
  const organisation = await api.get<Organisation>(path)

  const neighbours = (group: NeighbourGroup): Promise<Neighbours> =>
    api.get<Neighbours>(`${path}/neighbours`, { group })
  const manages = canManageMembers(organisation.id)
  // A message about the members (an address ending "#members") goes with them; any other, such as the organisation
  // having been added, at the top of the page.
  const membersFlash = manages && window.location.hash !== ''
  const [people, statistical, region, members, signInPolicy, runBy] = await Promise.all([
    peopleSection(organisation),
    organisation.in_statistical_neighbour_model ? neighbours('statistical') : null,
    organisation.region ? neighbours('region') : null,
    manages ? membersSection(organisation, membersFlash ? context.flash : null) : null,
    manages ? signInPolicySection(organisation) : null,
    organisation.kind === 'local_authority' ? employersWorkingFor(organisation) : [],
  ])
  const area = new MessageArea()
  if (context.flash && !membersFlash) area.showBanner({}, { success: true, heading: context.flash })

  return {
    title: organisation.name,
    content: [
      area.element,
      caption(kindNames[organisation.kind] ?? 'Organisation'),
      pageHeading(organisation.name),
      twoThirds(details(organisation), servicesRunBy(runBy), actions(organisation)),
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
    ...(organisation.services === null
      ? []
      : [
          { key: 'Services', value: sectorName(organisation.services) },
          { key: 'Works for', value: authorityLinks(organisation.works_for) },
        ]),
  ])
}

/** The local authorities an employer works for, each a link: one alone, several as a list. */
function authorityLinks(authorities: Organisation['works_for']): Child {
  const links = authorities.map((authority) => link(organisationPath(authority), authority.name))
  if (links.length === 0) return 'No local authority'
  if (links.length === 1) return links
  return h(
    'ul',
    { class: 'govuk-list' },
    links.map((item) => h('li', null, item)),
  )
}

/**
 * The other employers that run services of the local authority `authority`: one small search per kind of employer,
 * since the directory lists few of them. Every page of each, however many there come to be.
 */
async function employersWorkingFor(authority: Organisation): Promise<Organisation[]> {
  const ofKind = async (kind: EmployerKind): Promise<Organisation[]> => {
    const found: Organisation[] = []
    let cursor: string | null = null
    do {
      const page: api.ListPage<Organisation> = await api.get('/organisations', { kind, limit: 100, cursor })
      found.push(...page.items.filter((employer) => employer.works_for.some((la) => la.id === authority.id)))
      cursor = page.next_cursor
    } while (cursor)
    return found
  }
  return (await Promise.all(employerKinds.map(ofKind))).flat().sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
}

/** "Its children’s services are run by Northbridge Children’s Trust.", a sentence for each service so run. */
function servicesRunBy(employers: readonly Organisation[]): Child {
  const running = (sector: 'children' | 'adults'): Organisation[] =>
    employers.filter((employer) => employer.services === sector || employer.services === 'both')
  const children = running('children')
  const adults = running('adults')
  const sentence = (services: string, by: readonly Organisation[]): HTMLElement =>
    paragraph(
      `Its ${services} are run by `,
      by.flatMap((employer, index) => [
        index === 0 ? null : index === by.length - 1 ? ' and ' : ', ',
        link(organisationPath(employer), employer.name),
      ]),
      '.',
    )
  const same = children.length === adults.length && children.every((employer, index) => adults[index] === employer)
  if (same && children.length > 0) return sentence('children’s and adults’ services', children)
  return [
    children.length > 0 && sentence('children’s services', children),
    adults.length > 0 && sentence('adults’ services', adults),
  ]
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
