// The question builder of the consultation editor: one fieldset per question (its words, type of answer, help
// text, whether it must be answered, and what its type needs: options, word limit, lowest and highest number,
// scale labels), when to ask it (always, or only when an earlier question has a certain answer), with buttons to
// add, remove and move questions. All native controls, so it works by keyboard; after a move or removal focus stays
// with the question and the change is announced.

import { h } from '../shell/dom'
import { type Field, checkboxes, select, textInput, textarea } from '../shell/fields'
import type { FormError } from '../shell/form'
import { button, visuallyHidden } from '../shell/govuk'
import type { LiveRegion } from '../shell/live-region'
import { decidesOthers } from './conditions'
import {
  type ChosenCondition,
  type ConditionControl,
  type EarlierQuestion,
  conditionControl,
} from './question-condition'
import type { Question, QuestionCondition, QuestionType } from './types'
import { questionTypeNames, questionTypes } from './words'

const keyPattern = /^[a-z][a-z0-9_]{0,39}$/

interface Item {
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

export class QuestionBuilder {
  readonly element: HTMLElement
  private readonly list = h('div', { class: 'app-question-builder__list' })
  private readonly addButton = button('Add another question', { type: 'button', variant: 'secondary' })
  private readonly listMessage = h('div')
  private items: Item[] = []
  private lastUid = 0

  constructor(
    initial: readonly Question[],
    private readonly live: LiveRegion,
  ) {
    this.addButton.id = 'add-question'
    this.addButton.addEventListener('click', () => {
      const item = this.add(null)
      this.renumber()
      document.getElementById(`q${item.uid}-text`)?.focus()
      this.live.announce(`Question ${this.items.length} added`)
    })
    for (const question of initial.length > 0 ? initial : [null]) this.add(question)
    this.renumber()
    // Each change to a question can change what later questions may depend on: their words, type and options.
    this.list.addEventListener('input', () => this.offerConditions())
    this.list.addEventListener('change', () => this.offerConditions())
    this.element = h('div', { class: 'app-question-builder' }, this.listMessage, this.list, this.addButton)
  }

  /** The questions as the API takes them, in order. */
  questions(): Question[] {
    return this.items.map((item) => item.value())
  }

  /** The fields by the names the server gives them: "questions[0].text", and "questions" for the list. */
  fields(): Record<string, Field> {
    const fields: Record<string, Field> = { questions: this.listField() }
    this.items.forEach((item, index) => {
      for (const [name, field] of Object.entries(item.fields)) fields[`questions[${index}].${name}`] = field
    })
    return fields
  }

  /** The problems the server would find, keyed as `fields()` keys them. */
  problems(): FormError[] {
    const errors: FormError[] = []
    if (this.items.length === 0) errors.push({ field: 'questions', message: 'Add at least one question' })
    const seen = new Set<string>()
    this.items.forEach((item, index) => {
      for (const problem of [...item.problems(), ...item.condition.problems(index + 1)])
        errors.push({ ...problem, field: `questions[${index}].${problem.field}` })
      const key = item.value().key
      if (keyPattern.test(key) && seen.has(key)) {
        errors.push({
          field: `questions[${index}].key`,
          message: `Question ${index + 1} has the same column name as another`,
        })
      }
      seen.add(key)
    })
    return errors
  }

  private listField(): Field {
    let message: HTMLElement | null = null
    return {
      element: this.listMessage,
      focusId: this.addButton.id,
      setError: (text) => {
        message?.remove()
        message = null
        if (text === null) return
        message = h('p', { class: 'govuk-error-message' }, visuallyHidden('Error:'), ` ${text}`)
        this.listMessage.append(message)
      },
    }
  }

  private add(question: Question | null): Item {
    this.lastUid += 1
    const condition = question?.shown_when
    const decider = condition ? this.items.find((known) => known.key() === condition.question) : undefined
    const initialCondition = condition ? { uid: decider?.uid ?? null, answer: condition.answer } : null
    const item = buildItem(this.lastUid, question ?? blankQuestion(this.unusedKey()), initialCondition, (uid) =>
      this.keyOf(uid),
    )
    item.moveUp.addEventListener('click', () => this.move(item, -1, item.moveUp))
    item.moveDown.addEventListener('click', () => this.move(item, 1, item.moveDown))
    item.remove.addEventListener('click', () => this.removeItem(item))
    this.items.push(item)
    this.list.append(item.element)
    return item
  }

  private keyOf(uid: number): string {
    return this.items.find((item) => item.uid === uid)?.key() ?? ''
  }

  /** Offers each question the questions before it that can decide whether it is asked. */
  private offerConditions(): void {
    const earlier: EarlierQuestion[] = []
    this.items.forEach((item, index) => {
      item.condition.offer([...earlier], index === 0)
      const question = item.value()
      if (!decidesOthers(question.type)) return
      earlier.push({
        uid: item.uid,
        number: index + 1,
        text: question.text,
        answers:
          question.type === 'yes_no'
            ? [
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]
            : question.options.map((option) => ({ value: option, text: option })),
      })
    })
  }

  private unusedKey(): string {
    const keys = new Set(this.items.map((item) => item.value().key))
    let n = this.items.length + 1
    while (keys.has(`q${n}`)) n += 1
    return `q${n}`
  }

  private move(item: Item, by: -1 | 1, pressed: HTMLButtonElement): void {
    const from = this.items.indexOf(item)
    const to = from + by
    const other = this.items[to]
    if (!other) return
    this.items[to] = item
    this.items[from] = other
    if (by < 0) other.element.before(item.element)
    else other.element.after(item.element)
    this.renumber()
    // The button pressed may have gone (the first question has no "Move up"): its neighbour takes the focus.
    const target = pressed.hidden ? (pressed === item.moveUp ? item.moveDown : item.moveUp) : pressed
    target.focus()
    this.live.announce(`Question ${from + 1} moved ${by < 0 ? 'up' : 'down'}: it is now question ${to + 1}`)
  }

  private removeItem(item: Item): void {
    const index = this.items.indexOf(item)
    this.items.splice(index, 1)
    item.element.remove()
    this.renumber()
    const next = this.items[Math.min(index, this.items.length - 1)]
    if (next) next.heading.focus()
    else this.addButton.focus()
    this.live.announce(`Question ${index + 1} removed`)
  }

  private renumber(): void {
    this.items.forEach((item, index) => {
      item.heading.textContent = `Question ${index + 1}`
      for (const name of item.names) name.textContent = ` question ${index + 1}`
      item.moveUp.hidden = index === 0
      item.moveDown.hidden = index === this.items.length - 1
      item.remove.hidden = this.items.length === 1
    })
    this.offerConditions()
  }
}

function blankQuestion(key: string): Question {
  return {
    key,
    text: '',
    help_text: null,
    type: 'text',
    required: true,
    options: [],
    word_limit: null,
    min: null,
    max: null,
    scale_labels: null,
    shown_when: null,
  }
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

function buildItem(
  uid: number,
  question: Question,
  initialCondition: ChosenCondition | null,
  keyOf: (uid: number) => string,
): Item {
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
  const low = textInput({
    id: id('scale_labels.low'),
    name: id('scale_labels.low'),
    label: 'What 1 means',
    hint: 'For example, Strongly disagree',
    value: question.scale_labels?.low ?? '',
  })
  const high = textInput({
    id: id('scale_labels.high'),
    name: id('scale_labels.high'),
    label: 'What 5 means',
    hint: 'For example, Strongly agree',
    value: question.scale_labels?.high ?? '',
  })
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
