// Shapes of the search API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

/** One hit: a discussion's title, a reply or a practice resource, with its matching words marked. */
export type SearchHit = Schemas['SearchHit']

/** The best hits of GET /search and how many matched in all. */
export type SearchResults = Schemas['SearchResults']
