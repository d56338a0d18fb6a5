// "Who's who" on an organisation's page, for signed-in members: for a local authority who holds its Principal Social
// Worker posts, then the members who chose to be listed, each with a button that starts a question to them.

import { accountPaths } from '../account/words'
import * as api from '../api'
import { newThreadPath } from '../forum/words'
import { currentUser } from '../identity/session'
import { type Child, h } from '../shell/dom'
import { buttonLink, link, paragraph, tag, twoThirds } from '../shell/govuk'
import { type SummaryRow, summaryCard, summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import type { Organisation, OrganisationPeople, PersonCard, PswPost } from './types'
import { pswPostName, pswRoleWords } from './words'

/** Loads who's who at `organisation` and builds its section. */
export async function peopleSection(organisation: Organisation): Promise<HTMLElement> {
  const people = await api.get<OrganisationPeople>(`/organisations/${organisation.id}/people`)
  const me = currentUser()
  const own = me?.organisation.id === organisation.id
  const callNames = new Map(people.items.map((person) => [person.id, callName(person, people.items)]))

  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'whos-who' },
    h('h2', { class: 'govuk-heading-l', id: 'whos-who' }, 'Who’s who'),
    twoThirds(
      people.psw_roles.length > 0 && pswPosts(organisation, people.psw_roles),
      people.items.length === 0
        ? paragraph(`Nobody at ${organisation.name} has chosen to be listed yet.`)
        : paragraph(`These members of PSW Network at ${organisation.name} have chosen to be listed.`),
      people.items.map((person) =>
        personCard(
          person,
          person.id === me?.id
            ? paragraph('This is you. ', link(accountPaths.profile, 'Change how you are listed'))
            : buttonLink(
                newThreadPath({ organisationId: organisation.id, mention: person.display_name }),
                `Ask ${callNames.get(person.id) ?? person.display_name} a question`,
                'secondary',
              ),
        ),
      ),
      own && !me?.listed && paragraph(link(accountPaths.profile, 'Choose to be listed on this page')),
    ),
  )
}

/** Each Principal Social Worker post: its listed holders, linked to their cards, or why nobody is named. */
function pswPosts(organisation: Organisation, posts: readonly PswPost[]): Child {
  const holderLinks = (holders: readonly PersonCard[]): Child[] =>
    holders.flatMap((person, index) => [
      index === 0 ? null : index === holders.length - 1 ? ' and ' : ', ',
      link(`#${cardId(person)}`, person.display_name),
    ])
  const rows: SummaryRow[] = posts.map((post) => ({
    key: pswPostName(post.sector),
    value:
      post.state === 'listed' && post.holders.length > 0
        ? holderLinks(post.holders)
        : post.state === 'unlisted'
          ? 'Not listed (the post is held by someone who has chosen not to be listed)'
          : tag('Vacant', 'grey'),
  }))
  return [
    summaryList(rows),
    posts.some((post) => post.state === 'vacant') &&
      paragraph(`Vacant: no member of PSW Network at ${organisation.name} has said they hold the post.`),
  ]
}

function personCard(person: PersonCard, action: Child): HTMLElement {
  const role = pswRoleWords(person.principal_social_worker)
  const rows: SummaryRow[] = [
    ...(person.job_title ? [{ key: 'Job title', value: person.job_title }] : []),
    { key: 'Works in', value: sectorName(person.sector) },
    ...(role ? [{ key: 'Principal Social Worker', value: role }] : []),
    ...(person.ask_me_about
      ? [{ key: 'Ask me about', value: h('span', { class: 'app-line-breaks' }, person.ask_me_about) }]
      : []),
  ]
  return summaryCard({ title: person.display_name, headingLevel: 'h3', id: cardId(person) }, summaryList(rows), action)
}

function cardId(person: PersonCard): string {
  return `person-${person.id}`
}

const honorific = /^(dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\.?$/i

/** What the button calls someone: their first name, or their whole name when that is shared or is a title. */
function callName(person: PersonCard, everyone: readonly PersonCard[]): string {
  const first = firstWord(person.display_name)
  if (honorific.test(first)) return person.display_name
  const shared = everyone.filter((other) => firstWord(other.display_name) === first).length > 1
  return shared ? person.display_name : first
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
