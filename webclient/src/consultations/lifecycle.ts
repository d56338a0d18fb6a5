// The two steps an office confirms before they happen, because neither can be undone: publishing a draft (its
// questions freeze and the audience is told) and closing an open consultation early.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { dateTimeWords } from '../shell/dates'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, caption, link, pageHeading, twoThirds, warningText } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import { count } from '../shell/words'
import type { Consultation } from './types'
import { audienceNames, consultationPath, runsConsultations, whoRespondsWords } from './words'

export async function publishPage(context: PageContext): Promise<PageView | Redirect> {
  const consultation = await officeConsultation(context)
  if ('redirectTo' in consultation) return consultation
  if (consultation.status !== 'draft') return redirect(consultationPath(consultation.id))
  return confirmation({
    consultation,
    heading: 'Publish this consultation?',
    facts: [
      { key: 'Title', value: consultation.title },
      { key: 'Audience', value: audienceNames[consultation.audience] },
      { key: 'Opens', value: dateTimeWords(consultation.opens_at) },
      { key: 'Closes', value: dateTimeWords(consultation.closes_at) },
      { key: 'Who responds', value: whoRespondsWords(consultation) },
      { key: 'Questions', value: count(consultation.questions.length, 'question', 'questions') },
    ],
    warning:
      'Once it is published the questions cannot be changed, and principal social workers in the audience are told ' +
      'about it.',
    action: 'Publish consultation',
    variant: undefined,
    send: () => api.post<Consultation>(`/consultations/${consultation.id}/publish`, {}),
    done: 'The consultation has been published',
    after: consultationPath(consultation.id),
  })
}

export async function closePage(context: PageContext): Promise<PageView | Redirect> {
  const consultation = await officeConsultation(context)
  if ('redirectTo' in consultation) return consultation
  if (consultation.status !== 'open') return redirect(consultationPath(consultation.id))
  return confirmation({
    consultation,
    heading: 'Close this consultation now?',
    facts: [
      { key: 'Title', value: consultation.title },
      { key: 'Due to close', value: dateTimeWords(consultation.closes_at) },
    ],
    warning:
      'Nobody will be able to submit or change a response after this. Drafts that were not submitted are not counted.',
    action: 'Close consultation now',
    variant: 'warning',
    send: () => api.post<Consultation>(`/consultations/${consultation.id}/close`, {}),
    done: 'The consultation is closed',
    after: consultationPath(consultation.id, 'dashboard'),
  })
}

async function officeConsultation(context: PageContext): Promise<Consultation | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  return api.get<Consultation>(`/consultations/${id}`)
}

interface ConfirmationOptions {
  consultation: Consultation
  heading: string
  facts: { key: string; value: string }[]
  warning: string
  action: string
  variant: 'warning' | undefined
  send: () => Promise<Consultation>
  done: string
  after: string
}

function confirmation(options: ConfirmationOptions): PageView {
  const area = new MessageArea()
  const confirm = button(options.action, options.variant ? { variant: options.variant } : {})
  const form = h(
    'form',
    { method: 'post', novalidate: true },
    h('div', { class: 'govuk-button-group' }, confirm, link(consultationPath(options.consultation.id), 'Cancel')),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    confirm.disabled = true
    options
      .send()
      .then(() => navigate(options.after, { flash: options.done }))
      .catch((error: unknown) => {
        if (!(error instanceof api.ApiProblem) || error.isServiceFailure) console.error(error)
        const message =
          error instanceof api.ApiProblem && !error.isServiceFailure
            ? error.detail || error.title
            : 'Sorry, there is a problem with the service. Try again later.'
        area.showErrors({}, [{ field: '', message }])
      })
      .finally(() => {
        confirm.disabled = false
      })
  })
  return {
    title: options.heading,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: consultationPath(options.consultation.id) }, 'Back'),
      area.element,
      caption(options.consultation.title),
      pageHeading(options.heading),
      summaryList(options.facts),
      warningText(options.warning),
      form,
    ),
  }
}
