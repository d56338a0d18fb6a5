// "Check your answers": the saved response as a GOV.UK summary list with a "Change" link for each question the
// answers ask (a conditional question whose condition does not hold is left out, as the server leaves out its
// answer), and "Submit response". The server checks everything again on submitting; what it finds is shown against
// each answer.

import * as api from '../api'
import { personalDataCheck } from '../forum/personal-data'
import { refreshUser } from '../identity/session'
import { dateTimeWords } from '../shell/dates'
import { type Child, h } from '../shell/dom'
import type { Field } from '../shell/fields'
import { messageField } from '../shell/message-field'
import { MessageArea } from '../shell/form'
import { button, caption, pageHeading, paragraph } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import { numberWords } from '../shell/words'
import { answerId } from './answer-fields'
import { askedQuestions } from './conditions'
import { answerErrors, answerSentence, otherProblem, questionKeyOf, showClosed, showConflict } from './refusals'
import { loadResponse, responsePath } from './response-saver'
import type { AnswerValue, Consultation, ConsultationResponse, Question } from './types'
import { chosenService, consultationPath, runsConsultations, serviceWords } from './words'

export async function checkAnswersPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  const [me, consultation] = await Promise.all([refreshUser(), api.get<Consultation>(`/consultations/${id}`)])
  if (runsConsultations()) return redirect(consultationPath(id))
  // The consultation page says why nothing can be submitted: not open yet, or closed.
  if (consultation.status !== 'open') return redirect(consultationPath(id))
  const service = chosenService(consultation, me.sector, context.query)
  const { body: response, etag } = await loadResponse(id, service)
  if (!response) return redirect(consultationPath(id, 'respond', service))

  const area = new MessageArea()
  const names = Object.fromEntries(
    consultation.questions.map((question) => [question.key, answerSentence(question, '').trim()]),
  )
  const check = personalDataCheck('response', names, questionKeyOf)
  const rows = askedQuestions(consultation.questions, response.answers).map((question) =>
    answerRow(consultationPath(id, 'respond', service), question, response.answers[question.key]),
  )
  const fields: Record<string, Field> = {
    ...Object.fromEntries(rows.map((row) => [row.question.key, row.field])),
    confirm_personal_data: check.field,
  }

  const submit = button('Submit response')
  const form = h('form', { method: 'post', novalidate: true }, check.field.element, submit)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit.disabled = true
    api
      .putVersioned<ConsultationResponse>(
        responsePath(id, service),
        { answers: response.answers, submit: true, confirm_personal_data: check.confirmed() },
        etag,
      )
      .then(() => navigate(consultationPath(id, 'submitted', service)))
      .catch((error: unknown) => {
        if (error instanceof api.ApiProblem && error.status === 412) {
          showConflict(area, fields, consultationPath(id, 'check', service))
        } else if (error instanceof api.ApiProblem && error.status === 409) {
          showClosed(area, fields, dateTimeWords(consultation.closes_at))
        } else if (error instanceof api.ApiProblem && error.status === 422) {
          area.showErrors(fields, check.errorsFor(error) ?? answerErrors(error, consultation.questions))
        } else {
          area.showErrors(fields, otherProblem(error))
        }
      })
      .finally(() => {
        submit.disabled = false
      })
  })

  const onBehalf = service
    ? `By submitting this response you are sending it on behalf of ${me.organisation.name}’s ${serviceWords[service]}.`
    : consultation.response_scope === 'organisation'
      ? `By submitting this response you are sending it on behalf of ${me.organisation.name}.`
      : 'By submitting this response you are sending your own views.'
  return {
    title: `Check your answers – ${consultation.title}`,
    content: h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('a', { class: 'govuk-back-link', href: consultationPath(id, 'respond', service) }, 'Back to your answers'),
        area.element,
        caption(service ? `${consultation.title}: the ${serviceWords[service]} response` : consultation.title),
        pageHeading('Check your answers before submitting your response'),
        summaryList(rows.map((row) => row.row)),
        h('h2', { class: 'govuk-heading-m' }, 'Now submit your response'),
        paragraph(onBehalf),
        paragraph(
          `You can change it until the consultation closes on ${dateTimeWords(consultation.closes_at)}. ` +
            'Every version is kept.',
        ),
        form,
      ),
    ),
  }
}

/** A row of the summary list, and a field that shows the server's problem with that answer inside the row. */
function answerRow(respondPath: string, question: Question, value: AnswerValue | undefined) {
  const changeId = `change-${question.key}`
  const valueCell = h('div', null, answerWords(question, value))
  const field = messageField(valueCell, changeId, 'start')
  return {
    question,
    field,
    row: {
      key: question.text,
      value: valueCell,
      action: {
        href: `${respondPath}#${answerId(question)}`,
        text: 'Change',
        visuallyHiddenText: `your answer to ${question.text}`,
        id: changeId,
      },
    },
  }
}

/** An answer as the person gave it: the option, "4 out of 5 (Agree)", the text with its line breaks. */
function answerWords(question: Question, value: AnswerValue | undefined): Child {
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return 'Not answered'
  switch (question.type) {
    case 'yes_no':
      return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : String(value)
    case 'scale': {
      const label = value === 1 ? question.scale_labels?.low : value === 5 ? question.scale_labels?.high : undefined
      return `${String(value)} out of 5${label ? ` (${label})` : ''}`
    }
    case 'multi_choice':
      return Array.isArray(value)
        ? h(
            'ul',
            { class: 'govuk-list govuk-!-margin-bottom-0' },
            value.map((option) => h('li', null, option)),
          )
        : String(value)
    case 'number':
      return typeof value === 'number' ? numberWords(value) : String(value)
    case 'text':
      return String(value)
        .split('\n')
        .map((line, index) => (index === 0 ? line : [h('br'), line]))
    default:
      return String(value)
  }
}
