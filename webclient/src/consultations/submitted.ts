// The confirmation after submitting: the GOV.UK panel, who sent it and when, and what happens next.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { dateTimeWords } from '../shell/dates'
import { h } from '../shell/dom'
import { link, paragraph, twoThirds } from '../shell/govuk'
import { confirmationPanel } from '../shell/notices'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { loadResponse } from './response-saver'
import type { Consultation } from './types'
import { chosenService, consultationPath, otherService, serviceWords } from './words'

export async function submittedPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  const [me, consultation] = await Promise.all([refreshUser(), api.get<Consultation>(`/consultations/${id}`)])
  const service = chosenService(consultation, me.sector, context.query)
  const { body: response } = await loadResponse(id, service)
  if (!response || response.status !== 'submitted') return redirect(consultationPath(id))

  const whose = service
    ? `${me.organisation.name}’s response for ${serviceWords[service]}`
    : consultation.response_scope === 'organisation'
      ? `${me.organisation.name}’s response`
      : 'Your response'
  const when = dateTimeWords(response.submitted_at ?? response.updated_at)
  return {
    title: 'Response submitted',
    content: twoThirds(
      confirmationPanel('Response submitted', `${whose} to ${consultation.title}`),
      paragraph(
        `It was submitted on ${when}${response.submitted_by ? ` by ${response.submitted_by.display_name}` : ''}.`,
      ),
      h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
      paragraph(
        `${consultation.organisation.name} will read every response. After the consultation closes on ` +
          `${dateTimeWords(consultation.closes_at)}, they will publish what they did with them on the consultation page.`,
      ),
      paragraph(
        'You can ',
        link(consultationPath(id, 'respond', service), 'change your response'),
        ' until then. Every version is kept.',
      ),
      service &&
        me.sector === 'both' &&
        paragraph(
          link(
            consultationPath(id, 'respond', otherService(service)),
            `Write the ${serviceWords[otherService(service)]} response`,
          ),
        ),
      paragraph(link('/consultations', 'See all consultations')),
    ),
  }
}
