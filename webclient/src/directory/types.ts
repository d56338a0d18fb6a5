// Shapes of the directory API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type OrganisationKind = Schemas['OrganisationKind']

/** A region with the number of organisations in it (GET /regions). */
export type Region = Schemas['Region']

export type RegionList = Schemas['RegionList']

export type Organisation = Schemas['Organisation']

export type NeighbourGroup = Schemas['NeighbourGroup']

export type Neighbours = Schemas['NeighbourList']
