// One GOV.UK form field per consultation question, by its type: radios (one choice, yes or no, a scale with its
// end labels as hints), checkboxes (any choices), a textarea (with a word count when there is a limit) or a number
// input. Each reads its answer back in the shape the API takes, and checks it as the server will on submitting.

import { type Child, h } from '../shell/dom'
import { type Field, checkboxes, radios, textInput, textarea } from '../shell/fields'
import type { FormError } from '../shell/form'
import { numberWords } from '../shell/words'
import type { AnswerValue, Question } from './types'

export interface AnswerField extends Field {
  readonly question: Question
  /** The answer as the API takes it; null when the question is not answered (or the number is not a number). */
  value(): AnswerValue | null
  /** The problem the server would report on submitting, in words for the person answering. */
  problem(): string | null
  /** Numbers it again, as questions before it are asked or not: "Question 3 of 5". */
  setPosition(position: QuestionNumber): void
}

/** The id of a question's first control: error summaries and "Change" links go there. */
export function answerId(question: Question): string {
  return `answer-${question.key}`
}

const legendClass = 'govuk-fieldset__legend--m'
const labelClass = 'govuk-label--m'

/** Where a question stands among the others: the 2nd of 5. */
export interface QuestionNumber {
  number: number
  of: number
}

function positionWords(position: QuestionNumber): string {
  return `Question ${position.number} of ${position.of}`
}

/** "Question 2 of 5" (`number`) above the question's words, which say "(optional)" when an answer is not required. */
function heading(question: Question, number: HTMLElement): Child {
  return [number, question.required ? question.text : `${question.text} (optional)`]
}

/** The question as error messages name it, so that two messages about two questions never read the same. */
function named(question: Question): string {
  return `“${question.text}”`
}

export function answerField(
  question: Question,
  saved: AnswerValue | undefined,
  form: () => HTMLFormElement,
  position: QuestionNumber,
): AnswerField {
  const id = answerId(question)
  const name = `answer-${question.key}`
  const number = h('span', { class: 'govuk-caption-m' }, positionWords(position))
  const setPosition = (now: QuestionNumber): void => {
    number.textContent = positionWords(now)
  }
  const hint = question.help_text ?? undefined
  const checked = (): string[] =>
    [...form().querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((input) => input.value)
  const required = (value: AnswerValue | null): string | null =>
    question.required && (value === null || (Array.isArray(value) && value.length === 0))
      ? requiredMessage(question)
      : null

  switch (question.type) {
    case 'single_choice':
    case 'yes_no':
    case 'scale': {
      const choices =
        question.type === 'single_choice'
          ? question.options.map((option) => ({ value: option, text: option }))
          : question.type === 'yes_no'
            ? [
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]
            : scaleChoices(question)
      const field = radios({
        id,
        name,
        legend: heading(question, number),
        legendClass,
        ...(hint === undefined ? {} : { hint }),
        choices,
        values: saved === undefined ? [] : [String(saved)],
        inline: question.type === 'yes_no',
      })
      const value = (): AnswerValue | null => {
        const chosen = checked()[0]
        if (chosen === undefined) return null
        return question.type === 'scale' ? Number(chosen) : chosen
      }
      return { ...field, question, value, problem: () => required(value()), setPosition }
    }
    case 'multi_choice': {
      const field = checkboxes({
        id,
        name,
        legend: heading(question, number),
        legendClass,
        hint: hint ?? 'Select all that apply.',
        choices: question.options.map((option) => ({ value: option, text: option })),
        values: Array.isArray(saved) ? saved : [],
      })
      const value = (): AnswerValue | null => checked()
      return { ...field, question, value, problem: () => required(value()), setPosition }
    }
    case 'text': {
      const field = textarea({
        id,
        name,
        label: heading(question, number),
        labelClass,
        ...(hint === undefined ? {} : { hint }),
        rows: 6,
        value: typeof saved === 'string' ? saved : '',
        ...(question.word_limit === null ? {} : { wordLimit: question.word_limit }),
      })
      const value = (): AnswerValue | null => (field.textarea.value.trim() === '' ? null : field.textarea.value)
      const problem = (): string | null => {
        const text = value()
        if (typeof text !== 'string') return required(null)
        const words = wordCount(text)
        if (question.word_limit !== null && words > question.word_limit) {
          return `Your answer to ${named(question)} must be ${question.word_limit} words or fewer (it has ${words})`
        }
        return null
      }
      return { ...field, question, value, problem, setPosition }
    }
    case 'number': {
      const field = textInput({
        id,
        name,
        label: heading(question, number),
        hint: [hint, rangeHint(question)].filter(Boolean).join(' '),
        value: typeof saved === 'number' ? String(saved) : '',
        inputMode: 'decimal',
        spellcheck: false,
        widthClass: 'govuk-input--width-10',
      })
      field.element.querySelector('label')?.classList.add(labelClass)
      const numberValue = (): number | null => {
        const text = field.input.value.trim().replace(/,/g, '')
        if (text === '' || !/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return null
        return Number(text)
      }
      const problem = (): string | null => {
        const text = field.input.value.trim()
        const n = numberValue()
        if (text === '') return required(null)
        if (n === null) return `Enter a number for ${named(question)}, like 12 or 3.5`
        if (question.min !== null && n < question.min)
          return `Enter a number that is ${numberWords(question.min)} or more for ${named(question)}`
        if (question.max !== null && n > question.max)
          return `Enter a number that is ${numberWords(question.max)} or less for ${named(question)}`
        return null
      }
      return { ...field, question, value: numberValue, problem, setPosition }
    }
  }
}

function scaleChoices(question: Question): { value: string; text: string; hint?: string }[] {
  return [1, 2, 3, 4, 5].map((point) => {
    const label = point === 1 ? question.scale_labels?.low : point === 5 ? question.scale_labels?.high : undefined
    return label
      ? { value: String(point), text: String(point), hint: label }
      : { value: String(point), text: String(point) }
  })
}

function rangeHint(question: Question): string | null {
  const { min, max } = question
  if (min !== null && max !== null) return `Enter a number from ${numberWords(min)} to ${numberWords(max)}.`
  if (min !== null) return `Enter a number of ${numberWords(min)} or more.`
  if (max !== null) return `Enter a number of ${numberWords(max)} or less.`
  return null
}

function requiredMessage(question: Question): string {
  switch (question.type) {
    case 'multi_choice':
      return `Select at least one option for ${named(question)}`
    case 'text':
      return `Enter your answer to ${named(question)}`
    case 'number':
      return `Enter a number for ${named(question)}`
    default:
      return `Select an answer to ${named(question)}`
  }
}

/** Words as the server counts them: runs of characters between spaces, tabs and line breaks. */
export function wordCount(text: string): number {
  return text.split(/[ \t\r\n]+/).filter(Boolean).length
}

/** The answers to send: every question answered, keyed by question. */
export function collectAnswers(fields: readonly AnswerField[]): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {}
  for (const field of fields) {
    const value = field.value()
    if (value !== null && !(Array.isArray(value) && value.length === 0)) answers[field.question.key] = value
  }
  return answers
}

/** The problems submitting would meet, one per question, in the order of the questions. */
export function answerProblems(fields: readonly AnswerField[]): FormError[] {
  return fields.flatMap((field) => {
    const message = field.problem()
    return message === null ? [] : [{ field: field.question.key, message }]
  })
}
