// Shapes of the directory API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type OrganisationKind = Schemas['OrganisationKind']

/** A region with the number of organisations in it (GET /regions). */
export type Region = Schemas['Region']

export type RegionList = Schemas['RegionList']

export type Organisation = Schemas['Organisation']

/** The body of POST /organisations: another employer of PSWs, added by a network administrator. */
export type NewEmployer = Schemas['NewEmployer']

export type NeighbourGroup = Schemas['NeighbourGroup']

export type Neighbours = Schemas['NeighbourList']

/** A member who chose to be listed on their organisation's page. */
export type PersonCard = Schemas['PersonCard']

/** Who holds one of a local authority's Principal Social Worker posts: children's or adults' services. */
export type PswPost = Schemas['PswRoleHolding']

/** Who's who at an organisation (GET /organisations/{id}/people); `psw_roles` is empty unless a local authority. */
export type OrganisationPeople = Schemas['OrganisationPeople']

/** A named group of organisations that an organisation saved to compare itself with and to ask questions of. */
export type ComparatorGroup = Schemas['ComparatorGroup']

export type ComparatorGroupList = Schemas['ComparatorGroupList']

/** The body of POST and PUT /comparator-groups: a name and the ids of its organisations. */
export type ComparatorGroupChange = Schemas['ComparatorGroupChange']
