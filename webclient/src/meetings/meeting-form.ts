// The form that arranges a meeting and changes one: its title, the day and times (Europe/London, sent as entered),
// where it meets in person or the link to join online, a Markdown agenda and papers from the group's library. Only
// what is plainly missing is checked here; the server says what else is wrong, on the field it is about.

import * as api from '../api'
import type { ResourceSummary } from '../library/types'
import { type Child, h } from '../shell/dom'
import { type Field, checkboxes, textInput, textarea } from '../shell/fields'
import type { FormError } from '../shell/form'
import { paragraph } from '../shell/govuk'
import { type DateField, dateField } from './date-input'
import { namedFieldErrors } from './field-errors'
import type { Meeting, NewMeeting } from './types'

/** The most papers a meeting has. */
export const maxPapers = 10

/** A library resource that may be one of the papers. */
export interface PaperChoice {
  id: number
  title: string
}

/** The resources shared with the group, which its readers may all read: the papers to choose from. */
export async function loadPaperChoices(groupId: number): Promise<PaperChoice[]> {
  const shared = await api.get<api.ListPage<ResourceSummary>>('/resources', { group_id: groupId, limit: 100 })
  return shared.items.map((resource) => ({ id: resource.id, title: resource.title }))
}

export interface MeetingForm {
  fields: Readonly<Record<string, Field>>
  /** The questions one after another, and what is said in place of the papers when there are none to choose. */
  content: Child
  /** The answers as the API takes them. */
  answers(): Required<NewMeeting>
  check(): FormError[]
  /** The server's 422 field errors on the fields they are about. */
  problemErrors(problem: api.ApiProblem): FormError[] | null
}

const timeHint = 'For example, 10:00 or 14:30'

const fieldNames: Readonly<Record<string, string>> = {
  title: 'Title',
  date: 'Date of the meeting',
  start_time: 'Start time',
  end_time: 'End time',
  location: 'Place',
  online_url: 'Online meeting link',
  agenda: 'Agenda',
  paper_ids: 'Papers',
}

/** The form's fields, filled from `meeting` when it is being changed. */
export function meetingForm(choices: readonly PaperChoice[], meeting: Meeting | null): MeetingForm {
  // Papers already chosen stay offered, even one that is not among the group's own resources.
  const offered = [
    ...choices,
    ...(meeting?.papers ?? [])
      .filter((paper) => !choices.some((choice) => choice.id === paper.resource_id))
      .map((paper) => ({ id: paper.resource_id, title: paper.title })),
  ]
  const date: DateField = dateField({
    id: 'date',
    legend: 'Date',
    legendClass: 'govuk-fieldset__legend--m',
    hint: 'For example, 15 12 2026',
    subject: 'Date of the meeting',
    asked: 'the date of the meeting',
    ...(meeting ? { value: meeting.date } : {}),
  })
  const time = (id: 'start_time' | 'end_time', label: string, value: string | undefined) =>
    textInput({
      id: id.replace('_', '-'),
      name: id,
      label,
      labelClass: 'govuk-label--m',
      hint: timeHint,
      widthClass: 'govuk-input--width-5',
      autocomplete: 'off',
      spellcheck: false,
      inputMode: 'decimal',
      value: value ?? '',
    })
  const papers =
    offered.length > 0
      ? checkboxes({
          id: 'paper-ids',
          name: 'paper_ids',
          legend: 'Papers (optional)',
          legendClass: 'govuk-fieldset__legend--m',
          hint: `Resources shared with this group in the library. Choose up to ${maxPapers}.`,
          choices: offered.map((paper) => ({ value: String(paper.id), text: paper.title })),
          values: (meeting?.papers ?? []).map((paper) => String(paper.resource_id)),
          small: true,
        })
      : null
  const questions = {
    title: textInput({
      id: 'title',
      name: 'title',
      label: 'Title',
      labelClass: 'govuk-label--m',
      hint: 'For example, South East network meeting: spring',
      autocomplete: 'off',
      value: meeting?.title ?? '',
    }),
    date,
    start_time: time('start_time', 'Start time', meeting?.start_time),
    end_time: time('end_time', 'End time', meeting?.end_time),
    location: textInput({
      id: 'location',
      name: 'location',
      label: 'Place (optional)',
      labelClass: 'govuk-label--m',
      hint:
        'The room and address, for example Civic Centre, Southampton SO14 7LY. Leave it empty for a meeting ' +
        'online only.',
      autocomplete: 'off',
      value: meeting?.location ?? '',
    }),
    online_url: textInput({
      id: 'online-url',
      name: 'online_url',
      label: 'Online meeting link (optional)',
      labelClass: 'govuk-label--m',
      hint: 'The https address to join, for example from Microsoft Teams.',
      autocomplete: 'off',
      spellcheck: false,
      value: meeting?.online_url ?? '',
    }),
    agenda: textarea({
      id: 'agenda',
      name: 'agenda',
      label: 'Agenda (optional)',
      labelClass: 'govuk-label--m',
      hint:
        'You can use Markdown: a line starting with 1. or - for a list, **bold**, and [words](https://example.org) ' +
        'for a link.',
      rows: 8,
      value: meeting?.agenda ?? '',
    }),
  }

  const fields: Readonly<Record<string, Field>> = papers ? { ...questions, paper_ids: papers } : questions
  const answers = (): Required<NewMeeting> => {
    const link = questions.online_url.input.value.trim()
    return {
      title: questions.title.input.value.trim(),
      date: date.value(),
      start_time: clockTime(questions.start_time.input.value),
      end_time: clockTime(questions.end_time.input.value),
      location: questions.location.input.value.trim(),
      online_url: link === '' ? null : link,
      agenda: questions.agenda.textarea.value.trim(),
      paper_ids: [...(papers?.element.querySelectorAll<HTMLInputElement>('input:checked') ?? [])].map((box) =>
        Number(box.value),
      ),
    }
  }
  return {
    fields,
    content: [Object.values(questions).map((field) => field.element), papers ? papers.element : noPapers()],
    answers,
    check() {
      const sent = answers()
      const errors: FormError[] = []
      if (!sent.title) errors.push({ field: 'title', message: 'Enter a title for the meeting' })
      const missingDate = date.missing()
      if (missingDate) errors.push({ field: 'date', message: missingDate })
      if (!sent.start_time) errors.push({ field: 'start_time', message: 'Enter the time the meeting starts' })
      if (!sent.end_time) errors.push({ field: 'end_time', message: 'Enter the time the meeting ends' })
      if (!sent.location && !sent.online_url)
        errors.push({ field: 'location', message: 'Enter where the meeting is, or a link to join it online' })
      if (sent.paper_ids.length > maxPapers)
        errors.push({ field: 'paper_ids', message: `Choose ${maxPapers} papers or fewer` })
      return errors
    },
    problemErrors: (problem) => namedFieldErrors(problem, fields, fieldNames, 'The meeting'),
  }
}

/**
 * A time as the API takes it, HH:MM: "9:30", "09.30" and "0930" are the same time (a phone's number pad may have no
 * colon). Anything else goes as typed, for the server to say what is wrong with it.
 */
export function clockTime(typed: string): string {
  const text = typed.trim()
  const found = /^(\d{1,2})[:.,]?(\d{2})$/.exec(text)
  if (!found) return text
  return `${found[1]?.padStart(2, '0')}:${found[2]}`
}

/** In place of the papers' checkboxes when the group has no resources to choose from. */
function noPapers(): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('h2', { class: 'govuk-heading-m' }, 'Papers'),
    paragraph(
      'Nobody has shared a resource with this group yet. Share the papers with the group in the library, then ' +
        'come back to add them.',
    ),
  )
}
