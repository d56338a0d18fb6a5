// The questions of an action, shared by adding one under a meeting and changing one: what is to be done, which of the
// group's members owns it, and the day it is due (a day in UK time).

import type * as api from '../api'
import type { GroupMember } from '../groups/types'
import { type Field, select, textInput } from '../shell/fields'
import type { FormError } from '../shell/form'
import { type DateField, dateField } from './date-input'
import { namedFieldErrors } from './field-errors'
import type { GroupAction, NewGroupAction } from './types'

export const maxActionLength = 300

export interface ActionQuestions {
  fields: Readonly<Record<string, Field>>
  answers(): Omit<NewGroupAction, 'meeting_id'>
  check(): FormError[]
  problemErrors(problem: api.ApiProblem): FormError[] | null
}

const fieldNames: Readonly<Record<string, string>> = {
  title: 'Action',
  owner_id: 'Owner',
  due_on: 'Due date',
}

/** `idPrefix` keeps the ids apart from the other forms of the page. */
export function actionQuestions(
  members: readonly GroupMember[],
  action: GroupAction | null,
  idPrefix: string,
): ActionQuestions {
  const people = [...members].sort((a, b) => a.display_name.localeCompare(b.display_name, 'en-GB'))
  // An owner who has since left the group stays shown, for the server to say they must be a member.
  if (action && !people.some((person) => person.id === action.owner.id)) {
    people.push({ ...action.owner, role: 'member', joined_at: action.created_at })
  }
  const due: DateField = dateField({
    id: `${idPrefix}-due-on`,
    legend: 'Due date',
    hint: 'For example, 31 1 2027',
    subject: 'Due date',
    asked: 'the date it is due',
    ...(action ? { value: action.due_on } : {}),
  })
  const fields = {
    title: textInput({
      id: `${idPrefix}-title`,
      name: 'title',
      label: 'Action',
      labelClass: 'govuk-label--s',
      hint: 'What is to be done, for example: Send the draft supervision policy to the network.',
      autocomplete: 'off',
      value: action?.title ?? '',
    }),
    owner_id: select({
      id: `${idPrefix}-owner`,
      name: 'owner_id',
      label: 'Owner',
      hint: 'A member of the group. They are told, and reminded the day before it is due.',
      choices: [
        { value: '', text: 'Choose a member' },
        ...people.map((person) => ({
          value: String(person.id),
          text: `${person.display_name}, ${person.organisation.name}`,
        })),
      ],
      value: action ? String(action.owner.id) : '',
    }),
    due_on: due,
  }
  const answers = () => ({
    title: fields.title.input.value.trim(),
    owner_id: Number(fields.owner_id.select.value),
    due_on: due.value(),
  })
  return {
    fields,
    answers,
    check() {
      const sent = answers()
      const errors: FormError[] = []
      if (!sent.title) errors.push({ field: 'title', message: 'Enter the action' })
      else if ([...sent.title].length > maxActionLength)
        errors.push({ field: 'title', message: `The action must be ${maxActionLength} characters or fewer` })
      if (!sent.owner_id) errors.push({ field: 'owner_id', message: 'Select who owns the action' })
      const missing = due.missing()
      if (missing) errors.push({ field: 'due_on', message: missing })
      return errors
    },
    problemErrors: (problem) => namedFieldErrors(problem, fields, fieldNames, 'The action'),
  }
}
