// The answers to each question on the office dashboard: how many were asked it (a conditional question is asked
// only of some responses) and answered it; for choices, yes or no and scales a sentence, a bar chart and its table;
// the mean and median of scales and numbers; every free-text answer with its authority and the themes it is
// tagged with.

import { categoryBarChart } from '../shell/charts'
import { h } from '../shell/dom'
import { paragraph } from '../shell/govuk'
import { scrollingTable, summaryList } from '../shell/tables'
import { count, numberWords } from '../shell/words'
import { askedOfWords } from './conditions'
import type { Analysis, Question, QuestionAnalysis, Theme } from './types'
import { percentWords, respondentName } from './words'

export interface AnalysisContext {
  questions: readonly Question[]
  themes: readonly Theme[]
  until: AbortSignal
  /** The tagging controls of one free-text answer. */
  tagControls: (question: QuestionAnalysis, answer: QuestionAnalysis['answers'][number]) => HTMLElement
}

export function questionsSection(analysis: Analysis, context: AnalysisContext): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'answers-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'answers-heading' }, 'Answers to each question'),
    paragraph('Only submitted responses are counted, in the version last submitted.'),
    analysis.questions.map((question, index) => questionBlock(question, index, analysis.responses, context)),
  )
}

function questionBlock(
  question: QuestionAnalysis,
  index: number,
  responses: number,
  context: AnalysisContext,
): HTMLElement {
  const asked = context.questions.find((known) => known.key === question.key)
  return h(
    'div',
    { class: 'app-question-analysis', id: `analysis-${question.key}` },
    h('h3', { class: 'govuk-heading-m' }, `${index + 1}. ${question.text}`),
    h('p', { class: 'govuk-body-s' }, answeredWords(question, asked, responses, context.questions)),
    question.type === 'text'
      ? textAnswers(question, context)
      : [
          question.options.length > 0 && optionFigures(question, asked, context.until),
          (question.type === 'scale' || question.type === 'number') && averages(question),
        ],
  )
}

/**
 * How many answered: of every response, or for a conditional question, of the responses asked it: "Asked of 3 of 5
 * responses: those answering “Yes” to “Do you use a practice model?” Of those, 2 answered it (66.7%)."
 */
export function answeredWords(
  question: QuestionAnalysis,
  asked: Question | undefined,
  responses: number,
  questions: readonly Question[],
): string {
  const condition = asked?.shown_when
  if (!condition) return `${count(question.answered, 'response', 'responses')} answered this question.`
  const who = sentenceEnd(
    `Asked of ${question.asked} of ${count(responses, 'response', 'responses')}: ${askedOfWords(condition, questions)}`,
  )
  if (question.asked === 0) return `${who} No response has been asked it yet.`
  return `${who} Of those, ${question.answered} answered it (${percentWords((question.answered / question.asked) * 100)}).`
}

/** A full stop after a sentence, unless it ends with a quoted question that has its own: …practice model?” */
function sentenceEnd(text: string): string {
  return /[.?!]”$/.test(text) ? text : `${text}.`
}

/** What each option was chosen by: the sentence, the chart and the table. */
function optionFigures(question: QuestionAnalysis, asked: Question | undefined, until: AbortSignal): HTMLElement[] {
  const name = (value: string): string => optionName(question, asked, value)
  const most = Math.max(0, ...question.options.map((option) => option.count))
  const top = question.options.filter((option) => option.count === most)
  const first = top[0]
  const quoted = top.map((option) => `“${name(option.value)}”`)
  const summary =
    question.answered === 0 || !first
      ? 'Nobody has answered it yet.'
      : (top.length === 1
          ? `The most common answer was ${quoted[0]}: ${count(most, 'response', 'responses')} `
          : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} were chosen equally often: ` +
            `${count(most, 'response', 'responses')} each `) +
        `(${percentWords(first.percent)}).` +
        (question.type === 'multi_choice' ? ' People could choose more than one option.' : '')
  return [
    paragraph(summary),
    categoryBarChart({
      label: `Bar chart of the answers to “${question.text}”. ${summary} The figures are in the table below.`,
      valueLabel: 'Responses',
      valueSuffix: '',
      counts: true,
      names: question.options.map((option) => name(option.value)),
      values: question.options.map((option) => option.count),
      until,
    }),
    answersTable(question, name),
  ]
}

/** The count and share of each answer to a choice, yes or no, or scale question. */
export function answersTable(question: QuestionAnalysis, name: (value: string) => string): HTMLElement {
  return scrollingTable({
    caption: `Answers to “${question.text}”`,
    captionHidden: true,
    firstCellIsHeader: true,
    columns: [
      { header: 'Answer' },
      { header: 'Responses', numeric: true },
      { header: 'Percentage of those who answered', numeric: true },
    ],
    rows: question.options.map((option) => [
      name(option.value),
      option.count.toLocaleString('en-GB'),
      percentWords(option.percent),
    ]),
  })
}

export function optionName(question: QuestionAnalysis, asked: Question | undefined, value: string): string {
  if (question.type === 'yes_no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value
  if (question.type === 'scale') {
    const label = value === '1' ? asked?.scale_labels?.low : value === '5' ? asked?.scale_labels?.high : undefined
    return label ? `${value} (${label})` : value
  }
  return value
}

function averages(question: QuestionAnalysis): HTMLElement {
  return summaryList([
    { key: 'Mean', value: question.mean === null ? 'No answers yet' : numberWords(question.mean) },
    { key: 'Median', value: question.median === null ? 'No answers yet' : numberWords(question.median) },
  ])
}

function textAnswers(question: QuestionAnalysis, context: AnalysisContext): HTMLElement {
  if (question.answers.length === 0) return paragraph('Nobody has answered it yet.')
  return h(
    'ul',
    { class: 'govuk-list app-text-answers' },
    question.answers.map((answer) =>
      h(
        'li',
        { class: 'app-text-answers__item' },
        h(
          'h4',
          { class: 'govuk-heading-s govuk-!-margin-bottom-1' },
          respondentName(answer.organisation, answer.service),
        ),
        h(
          'div',
          { class: 'app-text-answers__text' },
          answer.text
            .split(/\n{2,}/)
            .map((block) => paragraph(block.split('\n').map((line, index) => (index === 0 ? line : [h('br'), line])))),
        ),
        context.tagControls(question, answer),
      ),
    ),
  )
}
