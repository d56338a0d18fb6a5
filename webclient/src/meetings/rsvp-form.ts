// "Are you going?": a member's answer to a meeting (going, maybe, not going), shown as they gave it and changed as
// often as they like until the meeting is cancelled or over.

import * as api from '../api'
import { h } from '../shell/dom'
import { radios } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import type { Meeting, RsvpAnswer } from './types'
import { answerNames, answers } from './words'

/** `saved` takes the meeting as the server gives it back, with the new counts. */
export function rsvpForm(meeting: Meeting, area: MessageArea, saved: (meeting: Meeting) => void): HTMLElement {
  const current = h('span')
  const showCurrent = (answer: RsvpAnswer | null): void => {
    current.textContent = answer ? `Your answer: ${answerNames[answer]}.` : 'You have not answered yet.'
  }
  showCurrent(meeting.my_rsvp)
  const fields = {
    answer: radios({
      id: 'answer',
      name: 'answer',
      legend: h('h2', { class: 'govuk-fieldset__heading', id: 'rsvp' }, 'Are you going?'),
      legendClass: 'govuk-fieldset__legend--m',
      hint: current,
      choices: answers.map((answer) => ({ value: answer, text: answerNames[answer] })),
      values: meeting.my_rsvp ? [meeting.my_rsvp] : [],
      inline: true,
    }),
  }
  const chosen = (): RsvpAnswer | null => {
    const value = form.querySelector<HTMLInputElement>('input[name="answer"]:checked')?.value
    return answers.find((answer) => answer === value) ?? null
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Save your answer',
    check: () => (chosen() ? [] : [{ field: 'answer', message: 'Select whether you are going' }]),
    send: async () => {
      const answer = chosen()
      if (!answer) return
      const answered = await api.put<Meeting>(`/meetings/${meeting.id}/rsvp`, { answer })
      showCurrent(answered.my_rsvp)
      saved(answered)
      area.showBanner(fields, {
        success: true,
        heading: 'Your answer has been saved',
        body: `You said: ${answerNames[answer]}.`,
      })
    },
    problemErrors: (problem) =>
      problem.status === 409 ? [{ field: '', message: problem.detail || 'You can no longer answer.' }] : null,
  })
  return h('section', { class: 'app-section', 'aria-labelledby': 'rsvp' }, form)
}
