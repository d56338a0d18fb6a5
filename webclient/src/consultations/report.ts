// The closing report of a consultation (offices only), made to be printed or saved as a PDF from the browser: what
// was asked, of whom and when, the papers, the response rates (overall, by region, by service or sector), each
// question's answers as tables, the themes with a few quotes from the answers tagged with them, the outcome once
// published, and the authorities that did not respond. On screen it is an ordinary page; in print the service's header, buttons and link addresses are
// left out and question blocks are kept whole on a page where they fit (consultations.css).

import './consultations.css'

import * as api from '../api'
import { postHtml } from '../forum/post-html'
import { refreshUser } from '../identity/session'
import { fileSize, fileTypeName } from '../library/words'
import { dateTimeWords } from '../shell/dates'
import { type Child, h } from '../shell/dom'
import { button, caption, link, pageHeading, paragraph } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { scrollingTable, summaryList } from '../shell/tables'
import { count, numberWords, sectorName } from '../shell/words'
import { regionRatesTable, respondedWords } from './dashboard-rates'
import { loadPapers, paperTypeName } from './papers'
import { answeredWords, answersTable, optionName } from './question-analysis'
import type { Analysis, Consultation, ConsultationPaper, QuestionAnalysis, TextAnswer, Theme } from './types'
import {
  audienceNames,
  consultationPath,
  respondentName,
  respondsByService,
  runsConsultations,
  whoRespondsWords,
} from './words'

/** How many answers each theme is illustrated by. */
const quotesPerTheme = 3

/** Quotes longer than this many characters are shortened, at a word. */
const quoteLength = 600

export async function reportPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  const consultation = await api.get<Consultation>(`/consultations/${id}`)
  if (consultation.status === 'draft') return redirect(consultationPath(id))
  const [analysis, papers] = await Promise.all([api.get<Analysis>(`/consultations/${id}/summary`), loadPapers(id)])
  const made = new Date().toISOString()

  const print = button('Print or save as PDF', { type: 'button', variant: 'secondary' })
  print.addEventListener('click', () => window.print())
  return {
    title: `Closing report – ${consultation.title}`,
    content: h(
      'div',
      { class: 'app-report' },
      h('a', { class: 'govuk-back-link', href: consultationPath(id, 'dashboard') }, 'Back to the responses'),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          caption('Closing report'),
          pageHeading(consultation.title),
          paragraph(
            `A consultation from ${consultation.organisation.name}. This report was made on ${dateTimeWords(made)}` +
              (consultation.status === 'open' || consultation.status === 'upcoming'
                ? ': the consultation is still open, so the figures may change.'
                : '.'),
          ),
          h('div', { class: 'app-report__actions' }, print),
          facts(consultation, analysis),
        ),
      ),
      section(
        'report-summary',
        'Summary',
        h('div', { class: 'app-report__text' }, postHtml(consultation.summary_html, 3)),
      ),
      papers.length > 0 && section('report-papers', 'Consultation papers', paperList(papers)),
      section('report-rates', 'Response rates', rates(consultation, analysis)),
      section(
        'report-questions',
        'Answers to each question',
        paragraph('Only submitted responses are counted, in the version last submitted.'),
        analysis.questions.map((question, index) => questionBlock(consultation, analysis, question, index)),
      ),
      section('report-themes', 'Themes', themes(analysis)),
      consultation.outcome &&
        section(
          'report-outcome',
          'You said, we did',
          paragraph(`Published ${dateTimeWords(consultation.outcome.published_at)}.`),
          h('div', { class: 'app-report__text' }, postHtml(consultation.outcome.body_html, 3)),
        ),
      notResponded(analysis),
    ),
  }
}

function section(id: string, heading: string, ...content: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'app-section app-report__section', 'aria-labelledby': id },
    h('h2', { class: 'govuk-heading-l', id }, heading),
    ...content,
  )
}

function facts(consultation: Consultation, analysis: Analysis): HTMLElement {
  const closed = consultation.status === 'closed' || consultation.status === 'outcome_published'
  return summaryList([
    { key: 'Opened', value: dateTimeWords(consultation.opens_at) },
    { key: closed ? 'Closed' : 'Closes', value: dateTimeWords(consultation.closes_at) },
    { key: 'Audience', value: audienceNames[consultation.audience] },
    { key: 'Who responds', value: whoRespondsWords(consultation) },
    { key: 'Questions', value: count(consultation.questions.length, 'question', 'questions') },
    { key: 'Responses', value: count(analysis.responses, 'submitted response', 'submitted responses') },
  ])
}

/** The papers by name, type and file: in print the reader cannot follow a link. */
function paperList(papers: readonly ConsultationPaper[]): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list govuk-list--bullet' },
    papers.map((paper) =>
      h(
        'li',
        null,
        link(`/library/${paper.resource_id}`, paper.title),
        ` (${paperTypeName(paper)}` +
          (paper.file ? `, ${fileTypeName(paper.file.content_type)}, ${fileSize(paper.file.size)}` : '') +
          ')',
      ),
    ),
  )
}

function rates(consultation: Consultation, analysis: Analysis): Child[] {
  const byService = respondsByService(consultation)
  const missing = analysis.not_responded
  return [
    h('p', { class: 'govuk-body-l', id: 'report-responded' }, `${respondedWords(analysis)}.`),
    analysis.responses !== analysis.responded_count &&
      paragraph(
        `There are ${count(analysis.responses, 'submitted response', 'submitted responses')} in all: ` +
          (byService
            ? 'each authority’s children’s services and adults’ services respond on their own.'
            : 'people in the same authority respond for themselves.'),
      ),
    h('h3', { class: 'govuk-heading-m' }, 'By region'),
    regionRatesTable([
      ...analysis.by_region,
      {
        region_name: 'England',
        audience_count: analysis.audience_count,
        responded_count: analysis.responded_count,
        response_rate: analysis.response_rate,
      },
    ]),
    h('h3', { class: 'govuk-heading-m' }, byService ? 'By service' : 'By sector'),
    paragraph(
      byService
        ? 'Submitted responses of each service.'
        : 'Submitted responses by the services of the person who submitted them.',
    ),
    scrollingTable({
      caption: byService ? 'Responses by service' : 'Responses by sector',
      captionHidden: true,
      firstCellIsHeader: true,
      columns: [{ header: byService ? 'Service' : 'Sector' }, { header: 'Responses', numeric: true }],
      rows: analysis.by_sector
        .filter((row) => !byService || row.sector !== 'both')
        .map((row) => [sectorName(row.sector), row.responses.toLocaleString('en-GB')]),
    }),
    paragraph(
      missing.length === 0
        ? 'Every authority in the audience responded.'
        : `${count(missing.length, 'authority', 'authorities')} did not respond: they are listed at the end.`,
    ),
  ]
}

/** The authorities without a response, at the end of the report: a long list for most consultations. */
function notResponded(analysis: Analysis): Child {
  const missing = analysis.not_responded
  if (missing.length === 0) return null
  return section(
    'report-not-responded',
    'Authorities that did not respond',
    h(
      'ul',
      { class: 'govuk-list app-columns app-report__not-responded' },
      missing.map((organisation) => h('li', null, organisation.name)),
    ),
  )
}

function questionBlock(
  consultation: Consultation,
  analysis: Analysis,
  question: QuestionAnalysis,
  index: number,
): HTMLElement {
  const asked = consultation.questions.find((known) => known.key === question.key)
  return h(
    'div',
    { class: 'app-report__question', id: `report-${question.key}` },
    h('h3', { class: 'govuk-heading-m' }, `${index + 1}. ${question.text}`),
    paragraph(answeredWords(question, asked, analysis.responses, consultation.questions)),
    question.options.length > 0 && answersTable(question, (value) => optionName(question, asked, value)),
    question.type === 'multi_choice' && paragraph('People could choose more than one option.'),
    (question.type === 'scale' || question.type === 'number') &&
      summaryList([
        { key: 'Mean', value: question.mean === null ? 'No answers' : numberWords(question.mean) },
        { key: 'Median', value: question.median === null ? 'No answers' : numberWords(question.median) },
      ]),
    question.type === 'text' && textThemes(question, analysis.themes),
  )
}

/** For a free-text question: which themes its answers were tagged with, and how often. */
function textThemes(question: QuestionAnalysis, all: readonly Theme[]): Child {
  const counts = all
    .map((theme) => ({
      theme,
      answers: question.answers.filter((answer) => answer.themes.includes(theme.id)).length,
    }))
    .filter((row) => row.answers > 0)
    .sort((a, b) => b.answers - a.answers || a.theme.name.localeCompare(b.theme.name))
  if (question.answers.length === 0) return null
  if (counts.length === 0) return paragraph('No answers to this question were tagged with a theme.')
  return scrollingTable({
    caption: `Themes of the answers to “${question.text}”`,
    captionHidden: true,
    firstCellIsHeader: true,
    columns: [{ header: 'Theme' }, { header: 'Answers tagged', numeric: true }],
    rows: counts.map((row) => [row.theme.name, row.answers.toLocaleString('en-GB')]),
  })
}

function themes(analysis: Analysis): Child {
  if (analysis.themes.length === 0) return paragraph('No themes were identified in the free-text answers.')
  const answers = analysis.questions.flatMap((question) => question.answers.map((answer) => ({ question, answer })))
  return [
    paragraph('The themes the office tagged free-text answers with, most common first, each with a few of them.'),
    [...analysis.themes]
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map((theme) => {
        const tagged = answers.filter(({ answer }) => answer.themes.includes(theme.id))
        return h(
          'div',
          { class: 'app-report__theme' },
          h('h3', { class: 'govuk-heading-m' }, theme.name),
          paragraph(`Tagged on ${count(theme.count, 'answer', 'answers')}.`),
          tagged.slice(0, quotesPerTheme).map(({ question, answer }) => quote(question, answer)),
        )
      }),
  ]
}

function quote(question: QuestionAnalysis, answer: TextAnswer): HTMLElement {
  return h(
    'figure',
    { class: 'app-report__quote' },
    h(
      'blockquote',
      { class: 'govuk-inset-text govuk-!-margin-top-0 govuk-!-margin-bottom-1 app-line-breaks' },
      shortened(answer.text),
    ),
    h(
      'figcaption',
      { class: 'govuk-body-s' },
      `${respondentName(answer.organisation, answer.service)}, answering “${question.text}”`,
    ),
  )
}

/** A long answer up to the last whole word within the limit, marked as shortened. */
function shortened(text: string): string {
  const trimmed = text.trim()
  if (trimmed.length <= quoteLength) return trimmed
  const cut = trimmed.slice(0, quoteLength)
  const space = cut.lastIndexOf(' ')
  return `${(space > quoteLength / 2 ? cut.slice(0, space) : cut).trimEnd()}… (shortened)`
}
