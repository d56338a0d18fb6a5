// Shapes of the consultations API bodies and of the consultation:{id} events, as generated from
// schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type ConsultationAudience = Schemas['ConsultationFields']['audience']

export type ConsultationStatus = Schemas['ConsultationStatus']

export type ResponseScope = Schemas['ResponseScope']

export type QuestionType = Schemas['QuestionType']

/** `options` only for single_choice and multi_choice, `word_limit` for text, `min` and `max` for number. */
export type Question = Schemas['Question']

/** When a question is asked only after an earlier one was answered so: the earlier question's key and the answer. */
export type QuestionCondition = Schemas['QuestionCondition']

/** A consultation as lists show it, with the member's own (or their organisation's) response. */
export type ConsultationSummary = Schemas['ConsultationListItem']

export type Consultation = Schemas['Consultation']

/** What POST /consultations takes, and PATCH /consultations/{id} in part. */
export type ConsultationFields = Schemas['NewConsultation']

export type AnswerValue = Schemas['Answer']

export type Answers = Schemas['Answers']

export type ConsultationResponse = Schemas['ConsultationResponse']

/** For a consultation of both services answered by authorities, the service a response is for. */
export type ResponseService = NonNullable<Schemas['ResponseServiceOrNull']>

/** A library resource the office attached to a consultation, with its latest file. */
export type ConsultationPaper = Schemas['ConsultationPaper']

export type ConsultationPaperList = Schemas['ConsultationPaperList']

export type QuestionAnalysis = Schemas['QuestionAnalysis']

export type TextAnswer = Schemas['TextAnswer']

export type Theme = Schemas['Theme']

/** `responses` counts submitted responses: more than responded_count when each person responds for themselves. */
export type Analysis = Schemas['ConsultationAnalysis']

/** The events of consultation:{id}, which only the offices may follow. */
export interface ConsultationEvents {
  'response.submitted': Schemas['ConsultationResponseSubmittedEvent']['data']
  'consultation.updated': Schemas['ConsultationUpdatedEvent']['data']
}

export function consultationChannel(id: number): string {
  return `consultation:${id}`
}
