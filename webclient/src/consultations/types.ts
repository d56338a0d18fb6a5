// Shapes of the consultations API bodies and of the consultation:{id} events (see the consultations part of
// schemas/openapi.yaml).

import type { OrganisationRef, Sector } from '../identity/types'

export type ConsultationAudience = 'children' | 'adults' | 'both'

export type ConsultationStatus = 'draft' | 'upcoming' | 'open' | 'closed' | 'outcome_published'

export type ResponseScope = 'organisation' | 'individual'

export type QuestionType = 'text' | 'single_choice' | 'multi_choice' | 'scale' | 'yes_no' | 'number'

export interface ScaleLabels {
  low: string
  high: string
}

export interface Question {
  key: string
  text: string
  help_text: string | null
  type: QuestionType
  required: boolean
  /** Only for single_choice and multi_choice. */
  options: string[]
  /** Only for text. */
  word_limit: number | null
  /** Only for number. */
  min: number | null
  max: number | null
  /** Only for scale. */
  scale_labels: ScaleLabels | null
}

export interface PersonRef {
  id: number
  display_name: string
}

export interface Outcome {
  body: string
  body_html: string
  published_at: string
  thread_id: number | null
}

/** The member's own (or their organisation's) response, as the consultation shows it. */
export interface MyResponse {
  status: 'draft' | 'submitted'
  submitted_at: string | null
  updated_at: string
}

export interface ConsultationSummary {
  id: number
  title: string
  summary: string
  summary_html: string
  audience: ConsultationAudience
  opens_at: string
  closes_at: string
  response_scope: ResponseScope
  status: ConsultationStatus
  created_by: PersonRef
  organisation: OrganisationRef
  published_at: string | null
  outcome: Outcome | null
  version: number
  my_response: MyResponse | null
}

export interface Consultation extends ConsultationSummary {
  questions: Question[]
}

/** What POST /consultations takes, and PATCH /consultations/{id} in part. */
export interface ConsultationFields {
  title: string
  summary: string
  audience: ConsultationAudience
  opens_at: string
  closes_at: string
  response_scope: ResponseScope
  questions: Question[]
}

export type AnswerValue = string | number | string[]

export type Answers = Record<string, AnswerValue>

export interface ResponseVersion {
  version: number
  status: 'draft' | 'submitted'
  saved_at: string
  saved_by: PersonRef
}

export interface ConsultationResponse {
  consultation_id: number
  scope: ResponseScope
  organisation: OrganisationRef
  answers: Answers
  status: 'draft' | 'submitted'
  version: number
  updated_at: string
  updated_by: PersonRef
  submitted_at: string | null
  submitted_by: PersonRef | null
  has_unsubmitted_changes: boolean
  versions: ResponseVersion[]
}

export interface RegionRate {
  region_code: string
  region_name: string
  audience_count: number
  responded_count: number
  response_rate: number
}

export interface OptionCount {
  value: string
  count: number
  percent: number
}

export interface TextAnswer {
  response_id: number
  organisation: OrganisationRef
  text: string
  themes: number[]
}

export interface QuestionAnalysis {
  key: string
  text: string
  type: QuestionType
  answered: number
  options: OptionCount[]
  mean: number | null
  median: number | null
  answers: TextAnswer[]
}

export interface Theme {
  id: number
  name: string
  count: number
}

export interface Analysis {
  consultation_id: number
  status: ConsultationStatus
  audience_count: number
  responded_count: number
  response_rate: number
  /** Submitted responses: more than responded_count when each person responds for themselves. */
  responses: number
  by_region: RegionRate[]
  by_sector: { sector: Sector; responses: number }[]
  not_responded: OrganisationRef[]
  questions: QuestionAnalysis[]
  themes: Theme[]
}

/** The events of consultation:{id}, which only the offices may follow. */
export interface ConsultationEvents {
  'response.submitted': { consultation_id: number; responded_count: number }
  'consultation.updated': { consultation_id: number }
}

export function consultationChannel(id: number): string {
  return `consultation:${id}`
}
