// "When should people be asked this question?" in the question builder: always (the default), or only when an
// earlier question answered by choosing (one option, any options, yes or no) is given one of its answers, picked
// from two selects revealed under the radio. The selects follow the questions as the office writes, moves and
// removes them; a choice that stops fitting (its question moved below, or its option rewritten) shows as not made,
// and comes back if the question does.

import { h, replaceContent } from '../shell/dom'
import { type Field, radios, select } from '../shell/fields'

/** A question before this one that can decide whether it is asked, as the builder has it now. */
export interface EarlierQuestion {
  /** The builder's own id of the question, which stays while its words, column name and place change. */
  readonly uid: number
  readonly number: number
  readonly text: string
  readonly answers: readonly { value: string; text: string }[]
}

/** The earlier question (by its builder id; null before one is chosen) and the answer that asks this one. */
export interface ChosenCondition {
  uid: number | null
  answer: string
}

export interface ConditionControl {
  readonly element: HTMLElement
  /** By the names the server gives them under "questions[i]": "shown_when", "shown_when.question" and ".answer". */
  readonly fields: Readonly<Record<string, Field>>
  /** Offers the questions before this one that can decide it; the first question is always asked. */
  offer(earlier: readonly EarlierQuestion[], first: boolean): void
  /** The condition as chosen; null when the question is always asked. */
  chosen(): ChosenCondition | null
  /** What is missing, in words naming the question by its number. */
  problems(number: number): { field: string; message: string }[]
}

const longest = 80

/** Option text of a reasonable length: a question may have up to 1,000 characters. */
function shortened(text: string): string {
  return text.length <= longest ? text : `${text.slice(0, longest - 1).trimEnd()}…`
}

export function conditionControl(id: (name: string) => string, initial: ChosenCondition | null): ConditionControl {
  let wanted: ChosenCondition = initial ?? { uid: null, answer: '' }
  let offered: readonly EarlierQuestion[] = []
  let first = false
  const question = select({
    id: id('shown_when.question'),
    name: id('shown_when.question'),
    label: 'Earlier question',
    hint: 'Only questions answered by choosing one option, any options, or yes or no can decide it.',
    choices: [],
    value: '',
  })
  const answer = select({
    id: id('shown_when.answer'),
    name: id('shown_when.answer'),
    label: 'Answer that asks this question',
    choices: [],
    value: '',
  })
  const mode = radios({
    id: id('shown_when'),
    name: id('shown_when'),
    legend: 'When should people be asked this question?',
    legendClass: 'govuk-fieldset__legend--s',
    choices: [
      { value: 'always', text: 'Always ask this question' },
      {
        value: 'when',
        text: 'Only when an earlier question has a certain answer',
        conditional: [question.element, answer.element],
      },
    ],
    values: [initial ? 'when' : 'always'],
    small: true,
  })
  const element = mode.element
  const onlyWhen = (): boolean =>
    element.querySelector<HTMLInputElement>(`input[name="${id('shown_when')}"]:checked`)?.value === 'when'

  /** Fills a select again only when its choices changed, so that one being used is left alone. */
  const shown = new Map<HTMLSelectElement, string>()
  const fill = (control: HTMLSelectElement, choices: readonly { value: string; text: string }[], value: string) => {
    const signature = JSON.stringify(choices)
    if (shown.get(control) !== signature) {
      replaceContent(
        control,
        choices.map((choice) => h('option', { value: choice.value }, choice.text)),
      )
      shown.set(control, signature)
    }
    control.value = choices.some((choice) => choice.value === value) ? value : ''
  }
  const showAnswers = (): void => {
    const earlier = offered.find((known) => known.uid === wanted.uid)
    fill(
      answer.select,
      [{ value: '', text: earlier ? 'Choose an answer' : 'Choose a question first' }, ...(earlier?.answers ?? [])],
      wanted.answer,
    )
  }
  // On "input" as well as "change": the builder offers the questions again on either, and must find the new choice.
  for (const event of ['input', 'change']) {
    question.select.addEventListener(event, () => {
      wanted = { ...wanted, uid: question.select.value === '' ? null : Number(question.select.value) }
      showAnswers()
    })
    answer.select.addEventListener(event, () => {
      wanted = { ...wanted, answer: answer.select.value }
    })
  }

  const chosen = (): ChosenCondition | null => {
    if (first || !onlyWhen()) return null
    return {
      uid: question.select.value === '' ? null : Number(question.select.value),
      answer: answer.select.value,
    }
  }

  return {
    element,
    fields: { shown_when: mode, 'shown_when.question': question, 'shown_when.answer': answer },
    offer(earlier, isFirst) {
      offered = earlier
      first = isFirst
      // Without an earlier question to depend on there is nothing to choose, unless a choice needs undoing.
      element.hidden = first || (earlier.length === 0 && !onlyWhen())
      fill(
        question.select,
        [
          { value: '', text: 'Choose a question' },
          ...earlier.map((known) => ({
            value: String(known.uid),
            text: `Question ${known.number}: ${shortened(known.text) || 'not written yet'}`,
          })),
        ],
        wanted.uid === null ? '' : String(wanted.uid),
      )
      showAnswers()
    },
    chosen,
    problems(number) {
      const condition = chosen()
      if (condition === null) return []
      if (offered.length === 0) {
        return [
          {
            field: 'shown_when',
            message:
              `Question ${number} can only depend on an earlier question answered by choosing one option, any ` +
              'options, or yes or no',
          },
        ]
      }
      if (condition.uid === null) {
        return [
          {
            field: 'shown_when.question',
            message: `Choose the earlier question that decides whether question ${number} is asked`,
          },
        ]
      }
      if (condition.answer === '') {
        return [{ field: 'shown_when.answer', message: `Choose the answer that asks question ${number}` }]
      }
      return []
    },
  }
}
