// One consultation: what it is about, when it opens and closes, who it is for, the questions, and the outcome once
// published. Members of the audience start or continue their response from here; the offices find their actions.

import * as api from '../api'
import { postHtml } from '../forum/post-html'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import { dateTimeWords } from '../shell/dates'
import { type Child, h, svg } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, details, insetText, link, pageHeading, paragraph } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { summaryList } from '../shell/tables'
import { count } from '../shell/words'
import { conditionWords } from './conditions'
import type { Consultation } from './types'
import {
  audienceNames,
  closingWords,
  consultationPath,
  progressTag,
  runsConsultations,
  scopeNames,
  statusTag,
} from './words'

export async function consultationPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [me, consultation] = await Promise.all([refreshUser(), api.get<Consultation>(`/consultations/${id}`)])
  const office = runsConsultations()
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })

  return {
    title: consultation.title,
    content: [
      h('a', { class: 'govuk-back-link', href: '/consultations' }, 'All consultations'),
      area.element,
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          caption(`Consultation from ${consultation.organisation.name}`),
          pageHeading(consultation.title),
          h(
            'p',
            { class: 'govuk-body' },
            statusTag(consultation.status),
            !office && consultation.status === 'open' && [' ', progressTag(consultation)],
          ),
          h('p', { class: 'govuk-body-l' }, closingWords(consultation)),
          office ? officeActions(consultation) : memberActions(consultation, me),
          h('div', { class: 'app-consultation__summary' }, postHtml(consultation.summary_html, 2)),
          questionList(consultation),
          consultation.outcome && outcomeSection(consultation),
        ),
        h('div', { class: 'govuk-grid-column-one-third' }, aboutConsultation(consultation)),
      ),
    ],
  }
}

function memberActions(consultation: Consultation, me: Me): Child {
  const mine = consultation.my_response
  const whose =
    consultation.response_scope === 'organisation'
      ? `Your response is for ${me.organisation.name}: everyone from your authority works on the same one.`
      : 'Your response is your own.'
  switch (consultation.status) {
    case 'upcoming':
      return paragraph(`You can respond from ${dateTimeWords(consultation.opens_at)}.`)
    case 'closed':
    case 'outcome_published':
      return insetText(
        mine?.status === 'submitted'
          ? `This consultation has closed. Your response was submitted on ${dateTimeWords(mine.submitted_at ?? mine.updated_at)}.`
          : 'This consultation has closed. Responses are no longer accepted.',
      )
    case 'open':
      if (mine?.status === 'submitted') {
        const changedSince = mine.submitted_at !== null && Date.parse(mine.updated_at) > Date.parse(mine.submitted_at)
        return [
          insetText(
            `Your response was submitted on ${dateTimeWords(mine.submitted_at ?? mine.updated_at)}. ` +
              (changedSince ? 'It has been changed since: submit it again to send the changes. ' : '') +
              `You can change it until ${dateTimeWords(consultation.closes_at)}.`,
          ),
          changeLink(consultation),
        ]
      }
      return [paragraph(whose), startLink(consultation, mine ? 'Continue your response' : 'Start your response')]
    default:
      return null
  }
}

/** The GOV.UK start button, to begin or go on with a response. */
function startLink(consultation: Consultation, text: string): HTMLElement {
  return h(
    'a',
    {
      class: 'govuk-button govuk-button--start',
      href: consultationPath(consultation.id, 'respond'),
      role: 'button',
      draggable: 'false',
      'data-module': 'govuk-button',
    },
    text,
    svg(
      'svg',
      {
        class: 'govuk-button__start-icon',
        width: '17.5',
        height: '19',
        viewBox: '0 0 33 40',
        'aria-hidden': 'true',
        focusable: 'false',
      },
      svg('path', { fill: 'currentColor', d: 'M0 0h13l20 20-20 20H0l20-20z' }),
    ),
  )
}

function changeLink(consultation: Consultation): HTMLElement {
  return h(
    'a',
    {
      class: 'govuk-button govuk-button--secondary',
      href: consultationPath(consultation.id, 'respond'),
      role: 'button',
      draggable: 'false',
      'data-module': 'govuk-button',
    },
    'Change your response',
  )
}

/**
 * The office's way on: links to its other pages, and the step that changes the consultation for everyone as a
 * button (publishing it, or its outcome), or a warning button for closing it early, which cannot be undone.
 */
function officeActions(consultation: Consultation): HTMLElement {
  const id = consultation.id
  const status = consultation.status
  const links: [string, string][] = []
  if (status === 'draft') links.push([consultationPath(id, 'edit'), 'Edit the draft'])
  else links.push([consultationPath(id, 'dashboard'), 'See the responses and analysis'])
  if (status === 'open' || status === 'upcoming') {
    links.push([`/consultations/${id}/deadline`, 'Change the closing date'])
  }
  const step =
    status === 'draft'
      ? buttonLink(`/consultations/${id}/publish`, 'Publish the consultation')
      : status === 'closed'
        ? buttonLink(`${consultationPath(id, 'dashboard')}#outcome`, 'Publish the outcome')
        : null
  return h(
    'div',
    { class: 'app-consultation__actions' },
    step,
    h(
      'ul',
      { class: 'govuk-list' },
      links.map(([href, text]) => h('li', null, link(href, text))),
    ),
    status === 'open' && buttonLink(`/consultations/${id}/close`, 'Close it now', 'warning'),
  )
}

function questionList(consultation: Consultation): HTMLElement {
  return details(
    `The ${count(consultation.questions.length, 'question', 'questions')}`,
    h(
      'ol',
      { class: 'govuk-list govuk-list--number' },
      consultation.questions.map((question) => {
        const condition = conditionWords(question, consultation.questions)
        return h(
          'li',
          null,
          question.text,
          question.required ? '' : ' (optional)',
          condition && h('span', { class: 'govuk-hint govuk-!-display-block govuk-!-margin-bottom-0' }, condition),
        )
      }),
    ),
  )
}

function outcomeSection(consultation: Consultation): HTMLElement | null {
  const outcome = consultation.outcome
  if (!outcome) return null
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'outcome-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'outcome-heading' }, 'You said, we did'),
    h('p', { class: 'govuk-body-s' }, `Published ${dateTimeWords(outcome.published_at)}`),
    h('div', { class: 'app-consultation__outcome' }, postHtml(outcome.body_html, 3)),
    outcome.thread_id !== null &&
      paragraph(link(`/discussions/${outcome.thread_id}`, 'Discuss the outcome with the network')),
  )
}

function aboutConsultation(consultation: Consultation): HTMLElement {
  return h(
    'aside',
    { 'aria-labelledby': 'about-heading' },
    h('h2', { class: 'govuk-heading-s', id: 'about-heading' }, 'About this consultation'),
    summaryList([
      { key: 'Opens', value: dateTimeWords(consultation.opens_at) },
      { key: 'Closes', value: dateTimeWords(consultation.closes_at) },
      { key: 'Audience', value: audienceNames[consultation.audience] },
      { key: 'Who responds', value: scopeNames[consultation.response_scope] },
      { key: 'Run by', value: consultation.organisation.name },
    ]),
  )
}
