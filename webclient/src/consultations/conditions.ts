// Conditional questions: a question with `shown_when` is asked only when the earlier question it names was itself
// asked and given that answer (for a question of any options, that option among those chosen). The server's rule,
// in one place for the response form, the check page, the consultation page and the analysis, with its words.

import type { AnswerValue, Question, QuestionCondition, QuestionType } from './types'

type GivenAnswers = Readonly<Record<string, AnswerValue | null | undefined>>

/** The types of question whose answer can decide whether a later question is asked. */
export function decidesOthers(type: QuestionType): boolean {
  return type === 'single_choice' || type === 'multi_choice' || type === 'yes_no'
}

/** Whether `value` is the answer the condition waits for: that option, or that option among those chosen. */
export function answerHolds(condition: QuestionCondition, value: AnswerValue | null | undefined): boolean {
  if (Array.isArray(value)) return value.includes(condition.answer)
  return value === condition.answer
}

/** Whether `answers` ask `question`: always, or when every condition up the chain holds. */
export function isAsked(question: Question, questions: readonly Question[], answers: GivenAnswers): boolean {
  const seen = new Set<string>()
  let current: Question | undefined = question
  while (current?.shown_when) {
    // Conditions only name earlier questions, so the chain ends; `seen` guards against a broken one all the same.
    if (seen.has(current.key)) return false
    seen.add(current.key)
    const condition: QuestionCondition = current.shown_when
    if (!answerHolds(condition, answers[condition.question])) return false
    current = questions.find((known) => known.key === condition.question)
    if (!current) return false
  }
  return true
}

/** The questions `answers` ask, in order. */
export function askedQuestions(questions: readonly Question[], answers: GivenAnswers): Question[] {
  return questions.filter((question) => isAsked(question, questions, answers))
}

/** An answer as people read it: "Yes" rather than yes; options as they are written. */
export function answerName(question: Pick<Question, 'type'> | undefined, answer: string): string {
  if (question?.type === 'yes_no') return answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : answer
  return answer
}

/** The question a condition names, and the answer it waits for in words. */
function parts(condition: QuestionCondition, questions: readonly Question[]) {
  const earlier = questions.find((known) => known.key === condition.question)
  return {
    earlier,
    text: `“${earlier?.text ?? condition.question}”`,
    answer: `“${answerName(earlier, condition.answer)}”`,
  }
}

/** "Asked only when “Do you use a practice model?” is answered “Yes”"; null for a question always asked. */
export function conditionWords(question: Question, questions: readonly Question[]): string | null {
  if (!question.shown_when) return null
  const { earlier, text, answer } = parts(question.shown_when, questions)
  return earlier?.type === 'multi_choice'
    ? `Asked only when ${answer} is among the answers to ${text}`
    : `Asked only when ${text} is answered ${answer}`
}

/** Who a conditional question was asked of: "those answering “Yes” to “Do you use a practice model?”". */
export function askedOfWords(condition: QuestionCondition, questions: readonly Question[]): string {
  const { earlier, text, answer } = parts(condition, questions)
  return earlier?.type === 'multi_choice'
    ? `those choosing ${answer} for ${text}`
    : `those answering ${answer} to ${text}`
}
