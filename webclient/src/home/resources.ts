// "Practice resources" on the home page: the newest resources and the ones most authorities use, each with the
// organisation that shares it, and the way to the library.

import * as api from '../api'
import type { ResourceSummary } from '../library/types'
import { resourcePath, usedByText } from '../library/words'
import { h } from '../shell/dom'
import { link, paragraph } from '../shell/govuk'
import { type ListEntry, entryLink, entryList, homeSection, notLoaded } from './section'

/** How many of each. */
const shown = 3

export interface PracticeResources {
  newest: readonly ResourceSummary[]
  mostAdopted: readonly ResourceSummary[]
}

/** Loads both lists, in parallel. */
export async function loadPracticeResources(): Promise<PracticeResources> {
  const [newest, mostAdopted] = await Promise.all([
    api.get<api.ListPage<ResourceSummary>>('/resources', { sort: 'newest', limit: shown }),
    api.get<api.ListPage<ResourceSummary>>('/resources', { sort: 'most_adopted', limit: shown }),
  ])
  return { newest: newest.items, mostAdopted: mostAdopted.items }
}

export function resourcesSection(loaded: PracticeResources | null): HTMLElement {
  const id = 'home-resources'
  const heading = 'Practice resources'
  if (!loaded) return homeSection(id, heading, notLoaded())

  // Resources nobody else uses yet are not widely adopted, whatever the order puts first.
  const adopted = loaded.mostAdopted.filter((resource) => resource.endorsement_count > 0)
  return homeSection(
    id,
    heading,
    h('h3', { class: 'govuk-heading-s' }, 'New'),
    loaded.newest.length === 0
      ? paragraph('Nobody has shared a resource yet.')
      : entryList(loaded.newest.map((resource) => entry(resource))),
    h('h3', { class: 'govuk-heading-s' }, 'Widely adopted'),
    adopted.length === 0
      ? paragraph('No resource is used by other authorities yet.')
      : entryList(adopted.map((resource) => entry(resource, usedByText(resource.endorsement_count)))),
    paragraph(link('/library', 'Go to the practice library')),
  )
}

function entry(resource: ResourceSummary, ...more: string[]): ListEntry {
  return {
    title: entryLink(resourcePath(resource), resource.title),
    details: [`Shared by ${resource.organisation.name}`, ...more],
  }
}
