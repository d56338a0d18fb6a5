// Changing when a published consultation closes (offices only): the one thing that may change once the questions
// are frozen, to give authorities longer or to close it sooner.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { dateTimeWords } from '../shell/dates'
import { h } from '../shell/dom'
import { MessageArea, apiForm } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { dateTimeField } from './date-time-field'
import type { Consultation } from './types'
import { consultationPath, runsConsultations } from './words'

export async function deadlinePage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  const consultation = await api.get<Consultation>(`/consultations/${id}`)
  // A draft changes its dates in the editor; a closed consultation has no deadline left to move.
  if (consultation.status === 'draft') return redirect(consultationPath(id, 'edit'))
  if (consultation.status !== 'open' && consultation.status !== 'upcoming') return redirect(consultationPath(id))

  const area = new MessageArea()
  const closes = dateTimeField({
    id: 'closes_at',
    legend: 'When does it close?',
    missing: 'the date and time it closes',
    value: consultation.closes_at,
  })
  const fields = { closes_at: closes }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Change the closing date',
    check: () => {
      const problem = closes.problem()
      if (problem) return [{ field: 'closes_at', message: problem }]
      const value = closes.value() ?? ''
      if (Date.parse(value) <= Date.now()) {
        return [{ field: 'closes_at', message: 'The closing date must be in the future' }]
      }
      return []
    },
    send: async () => {
      const changed = await api.patch<Consultation>(`/consultations/${id}`, { closes_at: closes.value() })
      navigate(consultationPath(id), { flash: `It now closes ${dateTimeWords(changed.closes_at)}` })
    },
    problemErrors: (problem) =>
      problem.status === 422
        ? [{ field: 'closes_at', message: 'The closing date must be in the future and after the opening date' }]
        : null,
  })

  return {
    title: `Change the closing date – ${consultation.title}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: consultationPath(id) }, 'Back to the consultation'),
      area.element,
      caption(consultation.title),
      pageHeading('Change the closing date'),
      paragraph(`It closes ${dateTimeWords(consultation.closes_at)}. Responses are accepted until then.`),
      form,
    ),
  }
}
