// Choosing the organisations of a saved comparator group: every organisation of the directory but one's own, which is
// always compared, chosen as the directory's organisation choice offers them (local authorities by region, then the
// others), opened at one's own region.

import { type ChosenOrganisation, type OrganisationChoice, organisationChoice } from '../directory/organisation-choice'
import type { Organisation } from '../directory/types'

export const maxMembers = 60

export interface MemberChoiceOptions {
  organisations: readonly Organisation[]
  /** The person's organisation: always compared, never a member. */
  ownOrganisationId: number
  /** The group's members when it is being changed. */
  chosen: readonly ChosenOrganisation[]
}

export type MemberChoice = OrganisationChoice

export function memberChoice(options: MemberChoiceOptions): MemberChoice {
  const own = options.organisations.find((organisation) => organisation.id === options.ownOrganisationId)
  return organisationChoice({
    id: 'members',
    name: 'members',
    itemIdPrefix: 'member',
    legend: 'Organisations in the group',
    hint:
      `Choose up to ${maxMembers}. Open a region to choose its local authorities. Your own organisation is always ` +
      'compared, so it is not in the list.',
    organisations: options.organisations.filter((organisation) => organisation.id !== options.ownOrganisationId),
    chosen: options.chosen,
    ...(own?.region ? { openRegion: own.region.name } : {}),
    othersHint: 'They have no workforce figures to compare, but they can be asked questions with the group.',
    noneChosen: 'No organisations chosen yet.',
  })
}
