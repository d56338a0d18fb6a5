// The question builder of the consultation editor: one fieldset per question (its words, type of answer, help
// text, whether it must be answered, and what its type needs: options, word limit, lowest and highest number,
// scale labels), when to ask it (always, or only when an earlier question has a certain answer), with buttons to
// add, remove and move questions. All native controls, so it works by keyboard; after a move or removal focus stays
// with the question and the change is announced.

import { h } from '../shell/dom'
import type { Field } from '../shell/fields'
import { messageField } from '../shell/message-field'
import type { FormError } from '../shell/form'
import { button } from '../shell/govuk'
import type { LiveRegion } from '../shell/live-region'
import { decidesOthers } from './conditions'
import type { EarlierQuestion } from './question-condition'
import { type QuestionItem, keyPattern, questionItem } from './question-item'
import type { Question } from './types'

export class QuestionBuilder {
  readonly element: HTMLElement
  private readonly list = h('div', { class: 'app-question-builder__list' })
  private readonly addButton = button('Add another question', { type: 'button', variant: 'secondary' })
  private readonly listMessage = h('div')
  /** One field for the list's own error, so that a later check can take away what an earlier one showed. */
  private readonly listField: Field
  private items: QuestionItem[] = []
  private lastUid = 0

  constructor(
    initial: readonly Question[],
    private readonly live: LiveRegion,
  ) {
    this.addButton.id = 'add-question'
    this.listField = messageField(this.listMessage, this.addButton.id, 'end')
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
    const fields: Record<string, Field> = { questions: this.listField }
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

  private add(question: Question | null): QuestionItem {
    this.lastUid += 1
    const condition = question?.shown_when
    const decider = condition ? this.items.find((known) => known.key() === condition.question) : undefined
    const initialCondition = condition ? { uid: decider?.uid ?? null, answer: condition.answer } : null
    const item = questionItem(this.lastUid, question ?? blankQuestion(this.unusedKey()), initialCondition, (uid) =>
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

  private move(item: QuestionItem, by: -1 | 1, pressed: HTMLButtonElement): void {
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

  private removeItem(item: QuestionItem): void {
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
