// Answering a consultation: every question on one page, saved as a draft a moment after each change (so nothing
// is lost when the browser closes), "Save and come back later", and "Continue" to check the answers. Someone else
// from the authority saving first stops the saving with a banner rather than overwriting their work. A conditional
// question shows only while the answers before it ask it; hidden, it keeps what was typed in the draft (the server
// drops the answers to questions not asked when the response is submitted). For a consultation of both services
// answered by authorities, the page writes one service's response, named in the address (?service=adults), as do the
// check and confirmation pages after it.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { dateTimeWords, timeWords } from '../shell/dates'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import type { Field } from '../shell/fields'
import { MessageArea } from '../shell/form'
import { button, caption, pageHeading, paragraph } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { type AnswerField, answerField, answerProblems, collectAnswers } from './answer-fields'
import { isAsked } from './conditions'
import {
  answerErrors,
  closedHeading,
  conflictHeading,
  otherProblem,
  saveStatus,
  showClosed,
  showConflict,
} from './refusals'
import { ResponseSaver, loadResponse, responsePath } from './response-saver'
import type { Consultation, ConsultationResponse } from './types'
import { chosenService, consultationPath, otherService, runsConsultations, serviceWords } from './words'

export async function respondPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  const [me, consultation] = await Promise.all([refreshUser(), api.get<Consultation>(`/consultations/${id}`)])
  if (runsConsultations()) return redirect(consultationPath(id))
  if (consultation.status !== 'open') return notOpenPage(consultation)
  // For a consultation that takes a response from each service: the one this page writes.
  const service = chosenService(consultation, me.sector, context.query)
  const { body: response, etag } = await loadResponse(id, service)

  const area = new MessageArea()
  const live = liveRegion()
  const status = saveStatus()
  if (response) status.textContent = lastSavedWords(response)
  let form: HTMLFormElement | null = null
  const answerFields: AnswerField[] = consultation.questions.map((question, index) =>
    answerField(question, response?.answers[question.key], () => form as HTMLFormElement, {
      number: index + 1,
      of: consultation.questions.length,
    }),
  )
  const fields: Record<string, Field> = Object.fromEntries(answerFields.map((field) => [field.question.key, field]))
  const continueButton = button('Continue')
  const laterButton = button('Save and come back later', { type: 'button', variant: 'secondary' })
  // A refused save shows its errors until a save succeeds; errors from "Continue" stay until it is pressed again.
  let showingSaveProblem = false
  const setBlocked = (): void => {
    continueButton.disabled = true
    laterButton.disabled = true
  }

  const saver = new ResponseSaver(
    responsePath(id, service),
    etag,
    response?.answers ?? {},
    () => collectAnswers(answerFields),
    {
      saving: () => {
        status.textContent = 'Saving your answers…'
      },
      saved: (saved) => {
        status.textContent = savedWords(saved)
        if (showingSaveProblem) area.clear(fields)
        showingSaveProblem = false
      },
      conflict: () => {
        status.textContent = 'Your latest changes have not been saved.'
        setBlocked()
        showConflict(area, fields, consultationPath(id, 'respond', service))
        live.announce(conflictHeading)
      },
      refused: (error) => {
        status.textContent = 'Your latest changes have not been saved.'
        showingSaveProblem = true
        if (error instanceof api.ApiProblem && error.status === 409) {
          setBlocked()
          showClosed(area, fields, dateTimeWords(consultation.closes_at))
          live.announce(closedHeading)
        } else if (error instanceof api.ApiProblem && error.status === 422) {
          area.showErrors(fields, answerErrors(error, consultation.questions))
        } else {
          area.showErrors(fields, otherProblem(error))
        }
      },
    },
  )
  // Leaving by a link still saves the last change; the answer arrives after the page has gone.
  context.left.addEventListener('abort', () => void saver.flush().finally(() => saver.stop()), { once: true })

  form = h(
    'form',
    { method: 'post', novalidate: true },
    answerFields.map((field) => field.element),
    h('div', { class: 'govuk-button-group' }, continueButton, laterButton),
  )
  /** The fields of the questions the answers so far ask. */
  const askedFields = (): AnswerField[] => {
    const given = collectAnswers(answerFields)
    return answerFields.filter((field) => isAsked(field.question, consultation.questions, given))
  }
  // Hidden (display: none) questions are out of the tabbing and reading order; the others are numbered among
  // themselves. A question only ever depends on earlier ones, so what changes lies after the control just used.
  const showAsked = (): void => {
    const asked = askedFields()
    for (const field of answerFields) {
      const hidden = !asked.includes(field)
      if (hidden && !field.element.hidden) field.setError(null)
      field.element.hidden = hidden
    }
    asked.forEach((field, index) => field.setPosition({ number: index + 1, of: asked.length }))
  }
  showAsked()
  form.addEventListener('input', () => saver.schedule())
  form.addEventListener('change', () => {
    showAsked()
    saver.schedule()
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    continueButton.disabled = true
    void saver.flush().then((saved) => {
      continueButton.disabled = false
      if (!saved) return
      const problems = answerProblems(askedFields())
      showingSaveProblem = false
      if (problems.length > 0) area.showErrors(fields, problems)
      else navigate(consultationPath(id, 'check', service))
    })
  })
  laterButton.addEventListener('click', () => {
    laterButton.disabled = true
    void saver.flush().then((saved) => {
      laterButton.disabled = false
      if (saved) {
        navigate(consultationPath(id), {
          flash:
            `Your answers have been saved${service ? ` to the ${serviceWords[service]} response` : ''}. ` +
            `You can come back to them until ${dateTimeWords(consultation.closes_at)}.`,
        })
      }
    })
  })
  focusAnswerNamedInAddress()

  const whose = service
    ? `This is ${me.organisation.name}’s response for its ${serviceWords[service]}: anyone from your authority who ` +
      `works in ${serviceWords[service]} can add to it. Its ${serviceWords[otherService(service)]} ` +
      'give their own response.'
    : consultation.response_scope === 'organisation'
      ? `This is ${me.organisation.name}’s response: anyone from your authority can add to it.`
      : 'This is your own response.'
  const heading = service ? `Your response for ${serviceWords[service]}` : 'Your response'
  return {
    title: `${heading} – ${consultation.title}`,
    content: [
      h('a', { class: 'govuk-back-link', href: consultationPath(id) }, 'Back to the consultation'),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          area.element,
          caption(consultation.title),
          pageHeading(heading),
          paragraph(whose, ' Your answers are saved as you go.'),
          paragraph(`Submit it by ${dateTimeWords(consultation.closes_at)}.`),
          status,
          response && response.status === 'submitted' && submittedNote(response),
          form,
        ),
      ),
      live.element,
    ],
  }
}

/** For a draft saved in an earlier visit, perhaps days ago. */
function lastSavedWords(response: ConsultationResponse): string {
  return `Last saved ${dateTimeWords(response.updated_at)} by ${response.updated_by.display_name}`
}

function savedWords(response: ConsultationResponse): string {
  return `Draft saved at ${timeWords(response.updated_at)} by ${response.updated_by.display_name}`
}

function submittedNote(response: ConsultationResponse): HTMLElement {
  const when = response.submitted_at ? dateTimeWords(response.submitted_at) : ''
  const who = response.submitted_by ? ` by ${response.submitted_by.display_name}` : ''
  return h(
    'div',
    { class: 'govuk-inset-text' },
    `This response was submitted on ${when}${who}. Changes you make here are sent when you submit it again.`,
  )
}

/** A "Change" link names the answer in the address (#answer-q1): take the reader to it once the page is shown. */
function focusAnswerNamedInAddress(): void {
  const id = decodeURIComponent(window.location.hash.slice(1))
  if (!id.startsWith('answer-')) return
  window.setTimeout(() => {
    const target = document.getElementById(id)
    if (!target) return
    target.scrollIntoView({ block: 'center' })
    target.focus()
  }, 0)
}

function notOpenPage(consultation: Consultation): PageView {
  const back = paragraph(
    h('a', { class: 'govuk-link', href: consultationPath(consultation.id) }, 'Back to the consultation'),
  )
  if (consultation.status === 'upcoming') {
    return messagePage(
      consultation.title,
      'This consultation is not open yet',
      paragraph(`You can respond from ${dateTimeWords(consultation.opens_at)}.`),
      back,
    )
  }
  return messagePage(
    consultation.title,
    closedHeading,
    paragraph(`Responses are no longer accepted: it closed at ${dateTimeWords(consultation.closes_at)}.`),
    back,
  )
}
