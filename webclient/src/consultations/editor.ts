// Creating a consultation and editing its draft (offices only): title, summary in Markdown, audience, when it
// opens and closes, who responds, and the questions. "Save draft" keeps it to the office; "Save and publish" goes
// on to the publish confirmation.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { type Field, radios, textInput, textarea } from '../shell/fields'
import { type FormError, MessageArea, fieldKey } from '../shell/form'
import { button, caption, link, pageHeading, paragraph } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { dateTimeField } from './date-time-field'
import { QuestionBuilder } from './question-builder'
import type { Consultation, ConsultationFields } from './types'
import { audienceNames, audiences, consultationPath, runsConsultations, scopeNames } from './words'

const summaryHint =
  'What the consultation is about and why it matters. You can use Markdown: **bold**, *italic*, a line starting ' +
  'with - for a list, ## for a heading and [words](https://example.org) for a link.'

export async function newConsultationPage(): Promise<PageView | Redirect> {
  await refreshUser()
  if (!runsConsultations()) return redirect('/consultations')
  return editorPage(null)
}

export async function editConsultationPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  const consultation = await api.get<Consultation>(`/consultations/${id}`)
  if (consultation.status !== 'draft') {
    return messagePage(
      consultation.title,
      'This consultation has been published',
      paragraph('Its questions are frozen, so that every authority answers the same ones.'),
      paragraph(link(consultationPath(id), 'Back to the consultation')),
    )
  }
  return editorPage(consultation)
}

function editorPage(consultation: Consultation | null): PageView {
  const area = new MessageArea()
  const live = liveRegion()
  const builder = new QuestionBuilder(consultation?.questions ?? [], live)
  const fields = {
    title: textInput({ id: 'title', name: 'title', label: 'Title', value: consultation?.title ?? '' }),
    summary: textarea({
      id: 'summary',
      name: 'summary',
      label: 'Summary',
      hint: summaryHint,
      rows: 10,
      value: consultation?.summary ?? '',
    }),
    audience: radios({
      id: 'audience',
      name: 'audience',
      legend: 'Who is it for?',
      legendClass: 'govuk-fieldset__legend--s',
      hint: 'Principal social workers of these services can see it and respond.',
      choices: audiences.map((value) => ({ value, text: audienceNames[value] })),
      values: consultation ? [consultation.audience] : [],
    }),
    opens_at: dateTimeField({
      id: 'opens_at',
      legend: 'When does it open?',
      missing: 'the date and time it opens',
      value: consultation?.opens_at ?? null,
    }),
    closes_at: dateTimeField({
      id: 'closes_at',
      legend: 'When does it close?',
      missing: 'the date and time it closes',
      value: consultation?.closes_at ?? null,
    }),
    response_scope: radios({
      id: 'response_scope',
      name: 'response_scope',
      legend: 'Who responds?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: [
        {
          value: 'organisation',
          text: scopeNames.organisation,
          hint:
            'Everyone from an authority works on one response. For both services, each authority’s children’s ' +
            'services and adults’ services give their own.',
        },
        { value: 'individual', text: scopeNames.individual },
      ],
      values: [consultation?.response_scope ?? 'organisation'],
    }),
  }
  const allFields = (): Record<string, Field> => ({ ...fields, ...builder.fields() })

  const saveButton = button('Save draft')
  const publishButton = button('Save and publish', { variant: 'secondary' })
  publishButton.value = 'publish'
  const form = h(
    'form',
    { method: 'post', novalidate: true },
    Object.values(fields).map((field) => field.element),
    h('h2', { class: 'govuk-heading-l' }, 'Questions'),
    paragraph(
      'People see the questions in this order, on one page. A question can be asked only when an earlier question ' +
        'answered by choosing one option, any options, or yes or no has a certain answer.',
    ),
    builder.element,
    h('div', { class: 'govuk-button-group app-section' }, saveButton, publishButton),
  )
  const checked = (name: string): string =>
    form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? ''

  const answers = (): ConsultationFields => ({
    title: fields.title.input.value.trim(),
    summary: fields.summary.textarea.value.trim(),
    audience: checked('audience') as ConsultationFields['audience'],
    opens_at: fields.opens_at.value() ?? '',
    closes_at: fields.closes_at.value() ?? '',
    response_scope: checked('response_scope') as ConsultationFields['response_scope'],
    questions: builder.questions(),
  })
  const problems = (): FormError[] => {
    const sent = answers()
    const errors: FormError[] = []
    if (!sent.title) errors.push({ field: 'title', message: 'Enter a title' })
    else if ([...sent.title].length > 200)
      errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' })
    if (!sent.summary) errors.push({ field: 'summary', message: 'Enter a summary' })
    if (!sent.audience) errors.push({ field: 'audience', message: 'Select who the consultation is for' })
    for (const name of ['opens_at', 'closes_at'] as const) {
      const problem = fields[name].problem()
      if (problem) errors.push({ field: name, message: problem })
    }
    if (sent.opens_at && sent.closes_at && sent.closes_at <= sent.opens_at) {
      errors.push({ field: 'closes_at', message: 'The closing date must be after the opening date' })
    }
    return [...errors, ...builder.problems()]
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const publish = event.submitter === publishButton
    const errors = problems()
    if (errors.length > 0) {
      area.showErrors(allFields(), errors)
      return
    }
    saveButton.disabled = true
    publishButton.disabled = true
    const saving = consultation
      ? api.patch<Consultation>(`/consultations/${consultation.id}`, answers())
      : api.post<Consultation>('/consultations', answers())
    saving
      .then((saved) => {
        if (publish) navigate(`/consultations/${saved.id}/publish`)
        else navigate(consultationPath(saved.id), { flash: 'Your draft has been saved' })
      })
      .catch((error: unknown) => area.showErrors(allFields(), serverErrors(error, allFields())))
      .finally(() => {
        saveButton.disabled = false
        publishButton.disabled = false
      })
  })

  const heading = consultation ? 'Edit the draft consultation' : 'Create a consultation'
  return {
    title: heading,
    content: [
      h(
        'a',
        { class: 'govuk-back-link', href: consultation ? consultationPath(consultation.id) : '/consultations' },
        'Back',
      ),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          area.element,
          caption('Consultations'),
          pageHeading(heading),
          paragraph(
            'Only the Chief Social Workers’ offices see a draft. Nobody is told about it until it is published.',
          ),
          form,
        ),
      ),
      live.element,
    ],
  }
}

/** The server's field errors on the fields that hold them: "questions[2].options", else "title", else the form. */
function serverErrors(error: unknown, fields: Readonly<Record<string, Field>>): FormError[] {
  if (!(error instanceof api.ApiProblem)) {
    console.error(error)
    return [{ field: '', message: 'Sorry, there is a problem with the service. Try again later.' }]
  }
  if (error.status === 409) return [{ field: '', message: error.detail || 'This consultation has been published.' }]
  if (error.status !== 422 || error.errors.length === 0) {
    if (error.isServiceFailure) console.error(error)
    return [{ field: '', message: error.detail || error.title }]
  }
  const errors: FormError[] = []
  for (const problem of error.errors) {
    const name = formField(problem.field, fields)
    const message = sentence(problem.field, problem.message)
    if (name === '') errors.push({ field: '', message })
    else if (!errors.some((known) => known.field === name)) errors.push({ field: name, message })
  }
  return errors
}

function formField(serverField: string, fields: Readonly<Record<string, Field>>): string {
  if (serverField in fields) return serverField
  const labels = /^(questions\[\d+\])\.scale_labels$/.exec(serverField)
  if (labels) return `${labels[1]}.scale_labels.low`
  const key = fieldKey(serverField)
  return key in fields ? key : ''
}

const fieldNames: Readonly<Record<string, string>> = {
  title: 'Title',
  summary: 'Summary',
  audience: 'Audience',
  opens_at: 'Opening date',
  closes_at: 'Closing date',
  response_scope: 'Who responds',
  questions: 'Questions',
}

/** The parts of a question whose server names read badly as words. */
const questionFieldNames: Readonly<Record<string, string>> = {
  shown_when: 'when to ask it',
  'shown_when.question': 'the earlier question that decides it',
  'shown_when.answer': 'the answer that asks it',
}

/** The server says "must be ...": name the field, and the question by its number. */
function sentence(serverField: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message
  const question = /^questions\[(\d+)\]\.(.+)$/.exec(serverField)
  if (question) {
    const part = question[2] ?? ''
    return `Question ${Number(question[1]) + 1}: ${questionFieldNames[part] ?? part.replace(/[._]/g, ' ')} ${message}`
  }
  return `${fieldNames[fieldKey(serverField)] ?? serverField} ${message}`
}
