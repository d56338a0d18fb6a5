// One question of the question builder: its fieldset (its words, type of answer, help text, whether it must be
// answered, what its type needs: options, word limit, lowest and highest number, scale labels, and when to ask
// it), with its move and remove buttons, and what is wrong with it as written.

import { h } from '../shell/dom'
import { type Field, checkboxes, select, textInput, textarea } from '../shell/fields'
import { button } from '../shell/govuk'
import { type ChosenCondition, type ConditionControl, conditionControl } from './question-condition'
import type { Question, QuestionCondition, QuestionType } from './types'
import { questionTypeNames, questionTypes } from './words'

export const keyPattern = /^[a-z][a-z0-9_]{0,39}$/

export interface QuestionItem {
  readonly uid: number
  readonly element: HTMLElement
  readonly heading: HTMLElement
  /** "question 2" after each button's visible words, so that each button has its own name. */
  readonly names: HTMLElement[]
  readonly fields: Readonly<Record<string, Field>>
  readonly type: HTMLSelectElement
  readonly moveUp: HTMLButtonElement
  readonly moveDown: HTMLButtonElement
  readonly remove: HTMLButtonElement
  readonly condition: ConditionControl
  /** The column name as written, which a later question's condition names. */
  key(): string
  value(): Question
  problems(): { field: string; message: string }[]
}

/** Which fields each type of question uses, beyond those every question has. */
const typeFields: Readonly<Record<QuestionType, readonly string[]>> = {
  text: ['word_limit'],
  single_choice: ['options'],
  multi_choice: ['options'],
  scale: ['scale_labels.low', 'scale_labels.high'],
  yes_no: [],
  number: ['min', 'max'],
}

export function questionItem(
  uid: number,
  question: Question,
  initialCondition: ChosenCondition | null,
  keyOf: (uid: number) => string,
): QuestionItem {
  const id = (name: string): string => `q${uid}-${name.replace(/[._]/g, '-')}`
  const numberText = (value: number | null): string => (value === null ? '' : String(value))
  const text = textarea({ id: id('text'), name: id('text'), label: 'Question', rows: 2, value: question.text })
  const type = select({
    id: id('type'),
    name: id('type'),
    label: 'Type of answer',
    choices: questionTypes.map((value) => ({ value, text: questionTypeNames[value] })),
    value: question.type,
  })
  const help = textInput({
    id: id('help_text'),
    name: id('help_text'),
    label: 'Help text (optional)',
    hint: 'Shown under the question, to explain it.',
    value: question.help_text ?? '',
  })
  const key = textInput({
    id: id('key'),
    name: id('key'),
    label: 'Column name in the export',
    hint: 'Lower-case letters, digits and underscores, starting with a letter, for example: supervision_ratio',
    value: question.key,
    spellcheck: false,
    widthClass: 'govuk-input--width-20',
  })
  const required = checkboxes({
    id: id('required'),
    name: id('required'),
    legend: 'Answer',
    legendClass: 'govuk-visually-hidden',
    choices: [{ value: 'yes', text: 'People must answer this question' }],
    values: question.required ? ['yes'] : [],
    small: true,
  })
  const options = textarea({
    id: id('options'),
    name: id('options'),
    label: 'Options',
    hint: 'Write each option on its own line. Give 2 to 20 options.',
    rows: 4,
    value: question.options.join('\n'),
  })
  const number = (name: string, label: string, value: number | null, hint?: string) =>
    textInput({
      id: id(name),
      name: id(name),
      label,
      ...(hint ? { hint } : {}),
      value: numberText(value),
      inputMode: 'decimal',
      widthClass: 'govuk-input--width-5',
      spellcheck: false,
    })
  const wordLimit = number('word_limit', 'Word limit (optional)', question.word_limit, 'From 1 to 5,000 words.')
  const min = number('min', 'Lowest number allowed (optional)', question.min)
  const max = number('max', 'Highest number allowed (optional)', question.max)
  const scaleLabel = (end: 'low' | 'high', label: string, example: string) =>
    textInput({
      id: id(`scale_labels.${end}`),
      name: id(`scale_labels.${end}`),
      label,
      hint: `For example, ${example}`,
      value: question.scale_labels?.[end] ?? '',
    })
  const low = scaleLabel('low', 'What 1 means', 'Strongly disagree')
  const high = scaleLabel('high', 'What 5 means', 'Strongly agree')
  const fields: Record<string, Field> = {
    text,
    type,
    help_text: help,
    key,
    required,
    options,
    word_limit: wordLimit,
    min,
    max,
    'scale_labels.low': low,
    'scale_labels.high': high,
  }
  const showTypeFields = (): void => {
    const wanted = typeFields[type.select.value as QuestionType] ?? []
    for (const name of ['options', 'word_limit', 'min', 'max', 'scale_labels.low', 'scale_labels.high']) {
      const field = fields[name]
      if (field) field.element.hidden = !wanted.includes(name)
    }
  }
  type.select.addEventListener('change', showTypeFields)
  showTypeFields()
  const condition = conditionControl(id, initialCondition)

  const names = [0, 1, 2].map(() => h('span', { class: 'govuk-visually-hidden' }))
  const withName = (label: string, name: HTMLElement, variant?: 'warning'): HTMLButtonElement =>
    button([label, name], { type: 'button', variant: variant ?? 'secondary', small: true })
  const moveUp = withName('Move up', names[0] as HTMLElement)
  const moveDown = withName('Move down', names[1] as HTMLElement)
  const remove = withName('Remove', names[2] as HTMLElement, 'warning')
  const heading = h('h3', { class: 'govuk-fieldset__heading', tabindex: '-1' })
  const element = h(
    'div',
    { class: 'app-question-builder__item' },
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, heading),
      Object.values(fields).map((field) => field.element),
      condition.element,
      h('div', { class: 'govuk-button-group' }, moveUp, moveDown, remove),
    ),
  )

  const trimmed = (field: Field & { input: HTMLInputElement }): string => field.input.value.trim()
  const optionalNumber = (field: Field & { input: HTMLInputElement }): number | null =>
    trimmed(field) === '' ? null : Number(trimmed(field))
  const shownWhen = (): QuestionCondition | null => {
    const chosen = condition.chosen()
    return chosen ? { question: chosen.uid === null ? '' : keyOf(chosen.uid), answer: chosen.answer } : null
  }
  const value = (): Question => {
    const kind = type.select.value as QuestionType
    const choice = kind === 'single_choice' || kind === 'multi_choice'
    return {
      key: trimmed(key),
      text: text.textarea.value.trim(),
      help_text: trimmed(help) || null,
      type: kind,
      required: element.querySelector<HTMLInputElement>(`#${id('required')}`)?.checked ?? false,
      options: choice ? optionLines(options.textarea.value) : [],
      word_limit: kind === 'text' ? optionalNumber(wordLimit) : null,
      min: kind === 'number' ? optionalNumber(min) : null,
      max: kind === 'number' ? optionalNumber(max) : null,
      scale_labels: kind === 'scale' ? { low: trimmed(low), high: trimmed(high) } : null,
      shown_when: shownWhen(),
    }
  }
  const problems = () => {
    const q = value()
    const found: { field: string; message: string }[] = []
    if (!q.text) found.push({ field: 'text', message: 'Enter the question' })
    if (!keyPattern.test(q.key)) {
      found.push({
        field: 'key',
        message:
          'Column name must start with a lower-case letter and use only lower-case letters, digits and underscores',
      })
    }
    if ((q.type === 'single_choice' || q.type === 'multi_choice') && q.options.length < 2) {
      found.push({ field: 'options', message: 'Enter at least 2 options, each on its own line' })
    } else if (new Set(q.options).size !== q.options.length) {
      found.push({ field: 'options', message: 'Each option must be different' })
    }
    if (q.word_limit !== null && !(Number.isInteger(q.word_limit) && q.word_limit >= 1 && q.word_limit <= 5000)) {
      found.push({ field: 'word_limit', message: 'Word limit must be a whole number from 1 to 5,000' })
    }
    if (q.min !== null && !Number.isFinite(q.min))
      found.push({ field: 'min', message: 'Lowest number must be a number' })
    if (q.max !== null && !Number.isFinite(q.max))
      found.push({ field: 'max', message: 'Highest number must be a number' })
    else if (q.min !== null && q.max !== null && q.max < q.min) {
      found.push({ field: 'max', message: 'Highest number must not be less than the lowest' })
    }
    if (q.scale_labels && !q.scale_labels.low) found.push({ field: 'scale_labels.low', message: 'Enter what 1 means' })
    if (q.scale_labels && !q.scale_labels.high)
      found.push({ field: 'scale_labels.high', message: 'Enter what 5 means' })
    return found
  }
  return {
    uid,
    element,
    heading,
    names,
    fields: { ...fields, ...condition.fields },
    type: type.select,
    moveUp,
    moveDown,
    remove,
    condition,
    key: () => trimmed(key),
    value,
    problems,
  }
}

function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
