// Shapes of the practice library API bodies and of its real-time events (see the library part of the contract).

import type { OrganisationRef, Sector } from '../identity/types'

export type ResourceType =
  | 'policy'
  | 'procedure'
  | 'practice_guidance'
  | 'template'
  | 'assessment_tool'
  | 'risk_tool'
  | 'training'
  | 'induction'
  | 'asye_programme'
  | 'supervision'
  | 'research_summary'
  | 'presentation'
  | 'other'

export type Licence = 'OGL-UK-3.0' | 'CC-BY-4.0' | 'ask-the-owner'

export type Visibility = 'network' | 'region' | 'organisation'

export type ResourceSort = 'newest' | 'most_adopted' | 'most_downloaded'

export interface Person {
  id: number
  display_name: string
}

export interface ResourceFile {
  version: number
  /** The stored, sanitised name. */
  filename: string
  /** The name as it was uploaded, for display. */
  original_filename: string
  content_type: string
  size: number
  sha256: string
  text_extracted: boolean
  uploaded_by: Person
  uploaded_at: string
  download_count: number
  download_url: string
}

export interface Endorsement {
  organisation: OrganisationRef
  created_at: string
}

export interface ResourceThread {
  id: number
  title: string
  reply_count: number
  last_activity_at: string
}

/** A resource as lists show it. */
export interface ResourceSummary {
  id: number
  title: string
  summary: string
  /** Rendered and sanitised by the server from the Markdown summary. */
  summary_html: string
  type: ResourceType
  sector: Sector
  tags: string[]
  licence: Licence
  visibility: Visibility
  link_url: string | null
  organisation: OrganisationRef
  author: Person
  created_at: string
  updated_at: string
  endorsement_count: number
  download_count: number
  latest_file: ResourceFile | null
}

/** A resource as GET /resources/{id} gives it: files newest first, who uses it, and what this reader may do. */
export interface Resource extends ResourceSummary {
  files: ResourceFile[]
  endorsements: Endorsement[]
  threads: ResourceThread[]
  endorsed_by_my_organisation: boolean
  may_edit: boolean
}

/** What POST /resources takes, and PATCH /resources/{id} in part. */
export interface ResourceAnswers {
  title: string
  summary: string
  type: string
  sector: string
  tags: string[]
  licence: string
  visibility: string
  link_url: string | null
  confirm_personal_data: boolean
}

export interface EndorsementAnswer {
  endorsement_count: number
  endorsements: Endorsement[]
}

/** The events of resource:{id}. */
export interface ResourceEvents {
  'resource.endorsements': { resource_id: number; endorsement_count: number; organisations: OrganisationRef[] }
  'resource.updated': { resource_id: number }
  'resource.deleted': { resource_id: number }
  'resource.file_added': { resource_id: number; version: number }
}

export function resourceChannel(resourceId: number): string {
  return `resource:${resourceId}`
}
