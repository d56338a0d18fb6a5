// A list of groups as the groups page shows them: each group's name (a link to its page), what kind it is, who can
// join, its services, how many members it has and the reader's place in it.

import { h } from '../shell/dom'
import { link } from '../shell/govuk'
import { sectorName } from '../shell/words'
import type { Group } from './types'
import { groupPath, kindNames, memberCount, membershipWords, privacyNames } from './words'

const descriptionLength = 200

export function groupList(groups: readonly Group[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'govuk-list app-group-list' },
    groups.map((group) => groupItem(group)),
  )
}

function groupItem(group: Group): HTMLLIElement {
  const membership = membershipWords(group)
  return h(
    'li',
    { class: 'app-group-list__item', 'data-group-id': group.id },
    h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, link(groupPath(group), group.name)),
    group.description && h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, shortened(group.description)),
    h(
      'ul',
      { class: 'govuk-list app-group-list__meta' },
      h('li', null, group.region ? `${kindNames[group.kind]}, ${group.region.name}` : kindNames[group.kind]),
      h('li', null, privacyNames[group.privacy]),
      h('li', null, sectorName(group.sector)),
      h('li', null, memberCount(group)),
      membership && h('li', null, h('strong', null, membership)),
    ),
  )
}

/** The start of a long description, cut at a word. */
function shortened(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if ([...flat].length <= descriptionLength) return flat
  const cut = [...flat].slice(0, descriptionLength).join('')
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`
}
