// Themes on the office dashboard: the office names themes, tags free-text answers with them (a checkbox per theme
// under each answer) and sees how many answers carry each theme.

import * as api from '../api'
import { h } from '../shell/dom'
import { checkboxes, textInput } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { paragraph } from '../shell/govuk'
import { table } from '../shell/tables'
import type { QuestionAnalysis, TextAnswer, Theme } from './types'
import { serviceWords } from './words'

export interface ThemeActions {
  consultationId: number
  area: MessageArea
  /** After a theme is added or an answer tagged: read the analysis again. */
  changed: (announcement: string) => Promise<void>
}

export function themesSection(themes: readonly Theme[], actions: ThemeActions): HTMLElement {
  const name = textInput({
    id: 'theme-name',
    name: 'name',
    label: 'Theme',
    hint: 'A few words for something several answers say, for example: Caseload pressure',
    widthClass: 'govuk-input--width-20',
  })
  const fields = { name }
  const form = apiForm({
    fields,
    area: actions.area,
    submitLabel: 'Add theme',
    check: () => (name.input.value.trim() ? [] : [{ field: 'name', message: 'Enter the name of the theme' }]),
    send: async () => {
      const added = await api.post<Theme>(`/consultations/${actions.consultationId}/themes`, {
        name: name.input.value.trim(),
      })
      actions.area.clear(fields)
      await actions.changed(`Theme “${added.name}” added. Tag answers with it under each free-text answer.`)
    },
    problemErrors: (problem) =>
      problem.status === 409 ? [{ field: 'name', message: 'There is already a theme with this name' }] : null,
  })
  form.classList.add('app-theme-form')
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'themes-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'themes-heading' }, 'Themes'),
    paragraph('Tag free-text answers with themes to see what comes up most often.'),
    themes.length === 0
      ? paragraph('There are no themes yet.')
      : table({
          caption: 'Answers tagged with each theme',
          captionHidden: true,
          firstCellIsHeader: true,
          columns: [{ header: 'Theme' }, { header: 'Answers tagged', numeric: true }],
          rows: [...themes]
            .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
            .map((theme) => [theme.name, theme.count.toLocaleString('en-GB')]),
        }),
    h('h3', { class: 'govuk-heading-m' }, 'Add a theme'),
    form,
  )
}

/** The themes of one answer as checkboxes: ticking one tags the answer, unticking it takes the tag off. */
export function tagControls(
  themes: readonly Theme[],
  question: QuestionAnalysis,
  answer: TextAnswer,
  actions: ThemeActions,
): HTMLElement {
  if (themes.length === 0) return h('p', { class: 'govuk-body-s' }, 'Add a theme below to tag this answer.')
  const idPrefix = `tag-${question.key}-${answer.response_id}`
  const field = checkboxes({
    id: idPrefix,
    name: idPrefix,
    legend: `Themes of ${answerOwner(answer)}`,
    legendClass: 'govuk-fieldset__legend--s',
    choices: themes.map((theme) => ({ value: String(theme.id), text: theme.name })),
    values: answer.themes.map(String),
    small: true,
  })
  field.element.addEventListener('change', (event) => {
    const box = event.target
    if (!(box instanceof HTMLInputElement)) return
    const theme = themes.find((known) => String(known.id) === box.value)
    if (!theme) return
    const path =
      `/consultations/${actions.consultationId}/themes/${theme.id}/answers/${answer.response_id}/` +
      encodeURIComponent(question.key)
    const tagging = box.checked
    ;(tagging ? api.put<void>(path) : api.del<void>(path))
      .then(() =>
        actions.changed(`${answerOwner(answer)} ${tagging ? 'tagged with' : 'no longer tagged with'} “${theme.name}”`),
      )
      .catch((error: unknown) => {
        box.checked = !tagging
        console.warn(error)
        actions.area.showErrors({}, [
          { field: '', message: `The answer could not be ${tagging ? 'tagged' : 'untagged'}. Try again.` },
        ])
      })
  })
  return field.element
}

/** "Southampton’s answer", or "Southampton’s answer for adults’ services" when each service responds. */
function answerOwner(answer: TextAnswer): string {
  return `${answer.organisation.name}’s answer${answer.service ? ` for ${serviceWords[answer.service]}` : ''}`
}
