// One consultation: what it is about, when it opens and closes, who it is for, its papers, the questions, and the
// outcome once published. Members of the audience start or continue their response from here (for a consultation
// of both services, the response of their service, or of either for someone who works in both); the offices find
// their actions.

import './consultations.css'

import * as api from '../api'
import { postHtml } from '../forum/post-html'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import { dateTimeWords } from '../shell/dates'
import { type Child, h, svg } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, details, insetText, link, pageHeading, paragraph, tag } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { summaryList } from '../shell/tables'
import { count } from '../shell/words'
import { conditionWords } from './conditions'
import { loadPapers, paperList } from './papers'
import { loadResponse } from './response-saver'
import type { Consultation, ConsultationPaper, ConsultationResponse, ResponseService } from './types'
import {
  audienceNames,
  chosenService,
  closingWords,
  consultationPath,
  otherService,
  progressTag,
  respondsByService,
  responseServices,
  runsConsultations,
  serviceWords,
  statusTag,
  whoRespondsWords,
} from './words'

export async function consultationPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [me, consultation, papers] = await Promise.all([
    refreshUser(),
    api.get<Consultation>(`/consultations/${id}`),
    loadPapers(id),
  ])
  const office = runsConsultations()
  // Someone who works in both services may write either service's response: each one's state is read here.
  const eitherService =
    !office && respondsByService(consultation) && me.sector === 'both' && consultation.status !== 'upcoming'
  const states = eitherService ? await serviceStates(id) : null
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
            !office && !states && consultation.status === 'open' && [' ', progressTag(consultation)],
          ),
          h('p', { class: 'govuk-body-l' }, closingWords(consultation)),
          office ? officeActions(consultation) : memberActions(consultation, me, states),
          h('div', { class: 'app-consultation__summary' }, postHtml(consultation.summary_html, 2)),
          papersSection(consultation, papers, office),
          questionList(consultation),
          consultation.outcome && outcomeSection(consultation),
        ),
        h('div', { class: 'govuk-grid-column-one-third' }, aboutConsultation(consultation)),
      ),
    ],
  }
}

/** How far a response has got, as the consultation says it of the caller's own. */
type ResponseState = Consultation['my_response']

/** The state of each service's response, for someone who may write either. */
async function serviceStates(id: number): Promise<Record<ResponseService, ResponseState>> {
  const [children, adults] = await Promise.all(responseServices.map((service) => loadResponse(id, service)))
  const state = (response: ConsultationResponse | null | undefined): ResponseState =>
    response
      ? {
          status: response.submitted_at ? 'submitted' : 'draft',
          submitted_at: response.submitted_at,
          updated_at: response.updated_at,
        }
      : null
  return { children: state(children?.body), adults: state(adults?.body) }
}

function memberActions(
  consultation: Consultation,
  me: Me,
  states: Record<ResponseService, ResponseState> | null,
): Child {
  if (states) return eitherServiceActions(consultation, me, states)
  const service = respondsByService(consultation) ? chosenService(consultation, me.sector, new URLSearchParams()) : null
  const mine = consultation.my_response
  const whose = service
    ? `Each service responds on its own: your response is for ${me.organisation.name}’s ${serviceWords[service]}, ` +
      `and its ${serviceWords[otherService(service)]} give their own. Everyone from your authority who works in ` +
      `${serviceWords[service]} works on the same one.`
    : consultation.response_scope === 'organisation'
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
          service && paragraph(whose),
          insetText(
            `Your response was submitted on ${dateTimeWords(mine.submitted_at ?? mine.updated_at)}. ` +
              (changedSince ? 'It has been changed since: submit it again to send the changes. ' : '') +
              `You can change it until ${dateTimeWords(consultation.closes_at)}.`,
          ),
          changeLink(consultation, service),
        ]
      }
      return [
        paragraph(whose),
        startLink(consultation, mine ? 'Continue your response' : 'Start your response', service),
      ]
    default:
      return null
  }
}

/**
 * For someone who works in both services, of a consultation that takes a response from each: a link to write each
 * service's response, with how far it has got, as a GOV.UK task list.
 */
function eitherServiceActions(
  consultation: Consultation,
  me: Me,
  states: Record<ResponseService, ResponseState>,
): Child {
  const intro = paragraph(
    `Each authority’s children’s services and adults’ services give their own response. You work in both, so you ` +
      `can write either of ${me.organisation.name}’s responses.`,
  )
  if (consultation.status !== 'open') {
    return [
      intro,
      insetText(
        'This consultation has closed. ',
        responseServices.map((service) => {
          const state = states[service]
          const name = upperFirst(serviceWords[service])
          return state?.status === 'submitted'
            ? `The ${serviceWords[service]} response was submitted on ${dateTimeWords(state.submitted_at ?? state.updated_at)}. `
            : `${name} did not submit a response. `
        }),
      ),
    ]
  }
  return [
    intro,
    h(
      'ul',
      { class: 'govuk-task-list app-service-responses' },
      responseServices.map((service) => {
        const state = states[service]
        const statusId = `response-status-${service}`
        const verb = state?.status === 'submitted' ? 'Change' : state ? 'Continue' : 'Write'
        return h(
          'li',
          { class: 'govuk-task-list__item govuk-task-list__item--with-link' },
          h(
            'div',
            { class: 'govuk-task-list__name-and-hint' },
            h(
              'a',
              {
                class: 'govuk-link govuk-task-list__link',
                href: consultationPath(consultation.id, 'respond', service),
                'aria-describedby': statusId,
              },
              `${verb} the ${serviceWords[service]} response`,
            ),
          ),
          h('div', { class: 'govuk-task-list__status', id: statusId }, serviceStatus(state)),
        )
      }),
    ),
    paragraph(`You can change either until ${dateTimeWords(consultation.closes_at)}.`),
  ]
}

function serviceStatus(state: ResponseState): Child {
  if (!state) return tag('Not started', 'blue')
  if (state.status !== 'submitted') return tag('Draft saved', 'grey')
  const changedSince = state.submitted_at !== null && Date.parse(state.updated_at) > Date.parse(state.submitted_at)
  return changedSince ? tag('Changes not submitted', 'grey') : 'Submitted'
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The GOV.UK start button, to begin or go on with a response. */
function startLink(consultation: Consultation, text: string, service: ResponseService | null): HTMLElement {
  return h(
    'a',
    {
      class: 'govuk-button govuk-button--start',
      href: consultationPath(consultation.id, 'respond', service),
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

function changeLink(consultation: Consultation, service: ResponseService | null): HTMLElement {
  return h(
    'a',
    {
      class: 'govuk-button govuk-button--secondary',
      href: consultationPath(consultation.id, 'respond', service),
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
  else {
    links.push([consultationPath(id, 'dashboard'), 'See the responses and analysis'])
    links.push([consultationPath(id, 'report'), 'Closing report to print or save as PDF'])
  }
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

/** The papers to read before responding; the office finds where to change them. */
function papersSection(consultation: Consultation, papers: readonly ConsultationPaper[], office: boolean): Child {
  if (papers.length === 0 && !office) return null
  return h(
    'section',
    { class: 'app-section app-consultation__papers', 'aria-labelledby': 'papers-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'papers-heading' }, 'Consultation papers'),
    papers.length === 0 ? paragraph('No papers are attached.') : paperList(papers),
    office &&
      paragraph(
        link(consultationPath(consultation.id, 'papers'), papers.length === 0 ? 'Attach papers' : 'Change the papers'),
      ),
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
      { key: 'Who responds', value: whoRespondsWords(consultation) },
      { key: 'Run by', value: consultation.organisation.name },
    ]),
  )
}
