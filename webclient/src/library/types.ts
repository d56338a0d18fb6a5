// Shapes of the practice library API bodies and of its real-time events, as generated from schemas/openapi.yaml
// into src/api-types.ts.

import type { components, operations } from '../api-types'

type Schemas = components['schemas']

export type ResourceType = Schemas['ResourceType']

export type Licence = Schemas['Licence']

export type Visibility = Schemas['ResourceVisibility']

export type ResourceSort = NonNullable<NonNullable<operations['listResources']['parameters']['query']>['sort']>

/** A version of a resource's file: `filename` is the stored, sanitised name, `original_filename` the uploaded one. */
export type ResourceFile = Schemas['ResourceFile']

export type ResourceThread = Schemas['ResourceThread']

/** A resource as lists show it; `summary_html` is rendered and sanitised by the server from the Markdown summary. */
export type ResourceSummary = Schemas['ResourceSummary']

/** A resource as GET /resources/{id} gives it: files newest first, who uses it, and what this reader may do. */
export type Resource = Schemas['Resource']

/**
 * What the resource form sends, every field of it: POST /resources takes it (NewResource), PATCH /resources/{id} in
 * part. The choices are as the form reads them, empty until chosen; the form checks them before sending. `group_id`
 * goes with the visibility `group` alone: the server refuses it with any other.
 */
export type ResourceAnswers = Required<
  Omit<Schemas['NewResource'], 'type' | 'sector' | 'licence' | 'visibility' | 'group_id'>
> &
  Record<'type' | 'sector' | 'licence' | 'visibility', string> &
  Pick<Schemas['NewResource'], 'group_id'>

/** The group a resource is shared with (visibility `group`), as a resource names it. */
export type SharedGroup = NonNullable<Schemas['ResourceFields']['group']>

/**
 * A group as GET /groups and GET /groups/{id} give it, for choosing the one to share a resource with and for filtering
 * by one; the library reads groups through the API, as the groups pages build on the library.
 */
export type LibraryGroup = Schemas['Group']

/** The answer to PUT and DELETE /resources/{id}/endorsement. */
export type EndorsementAnswer = Schemas['EndorsementState']

/** The answer to POST /resources/{id}/threads. */
export type ResourceThreadCreated = Schemas['ResourceThreadCreated']

/** The events of resource:{id}. */
export interface ResourceEvents {
  'resource.endorsements': Schemas['ResourceEndorsementsEvent']['data']
  'resource.updated': Schemas['ResourceChangedEvent']['data']
  'resource.deleted': Schemas['ResourceChangedEvent']['data']
  'resource.file_added': Schemas['ResourceFileAddedEvent']['data']
}

export function resourceChannel(resourceId: number): string {
  return `resource:${resourceId}`
}
