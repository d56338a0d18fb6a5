// "Ask these authorities": the group's table, which is also the bar chart's table alternative, with a checkbox
// for each authority, and a question that goes to the authorities ticked. For measures where lower or higher is
// better, the three best-ranked authorities are ticked to start with. The question is a discussion addressed to
// them, so their PSWs are notified; the personal-data guard works as it does when asking the network.

import * as api from '../api'
import { personalDataCheck } from '../forum/personal-data'
import type { Thread } from '../forum/types'
import { threadPath } from '../forum/words'
import { h } from '../shell/dom'
import { type Field, textInput, textarea } from '../shell/fields'
import { type FormError, type MessageArea, apiForm } from '../shell/form'
import { navigate } from '../shell/router'
import { scrollingTable } from '../shell/tables'
import type { Comparison, Member } from './types'
import { figureCell, formatValue, rankText } from './words'

const maxAudience = 50
const preselected = 3

export interface AskOptions {
  comparison: Comparison
  /** The asker's own organisation: nobody asks themselves. */
  ownOrganisationId: number
  periodLabel: string
  area: MessageArea
}

export function askAuthoritiesForm(options: AskOptions): HTMLFormElement {
  const { comparison } = options
  const chosen = defaultChoice(comparison, options.ownOrganisationId)
  const authorities = authorityChoice(options, chosen)
  const check = personalDataCheck('ask', { title: 'The title', body: 'Your question' })
  const fields = {
    audience_organisation_ids: authorities,
    title: textInput({
      id: 'ask-title',
      name: 'title',
      label: 'Title of your question',
      value: suggestedTitle(comparison),
    }),
    body: textarea({
      id: 'ask-body',
      name: 'body',
      label: 'Your question',
      hint: 'Say what you would like to know. The authorities you ticked are notified; everyone in the network can read it.',
      rows: 6,
      value: suggestedBody(comparison, options.periodLabel),
    }),
    confirm_personal_data: check.field,
  }
  const answers = () => ({
    title: fields.title.input.value.trim(),
    body: fields.body.textarea.value.trim(),
    sector: comparison.metric.sector,
    kind: 'question',
    tags: ['workforce'],
    audience: 'organisations',
    audience_organisation_ids: authorities.selectedIds(),
    confirm_personal_data: check.confirmed(),
  })
  return apiForm({
    fields,
    area: options.area,
    submitLabel: 'Send your question',
    check: () => checkAnswers(answers()),
    send: async () => {
      const thread = await api.post<Thread>('/threads', answers())
      navigate(threadPath(thread), { flash: 'Your question has been posted' })
    },
    // Other 422s name title, body or audience_organisation_ids, which are this form's field keys.
    problemErrors: (problem) => check.errorsFor(problem),
  })
}

/** The three best-ranked authorities other than one's own, when the measure has a better direction. */
function defaultChoice(comparison: Comparison, ownOrganisationId: number): Set<number> {
  if (comparison.metric.polarity === 'neutral') return new Set()
  const ranked = comparison.members
    .filter((member) => member.rank !== null && member.organisation.id !== ownOrganisationId)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
  return new Set(ranked.slice(0, preselected).map((member) => member.organisation.id))
}

interface AuthorityChoice extends Field {
  selectedIds(): number[]
}

/** The group table with a checkbox in each row, as one form field with its own error message. */
function authorityChoice(options: AskOptions, chosen: ReadonlySet<number>): AuthorityChoice {
  const { comparison } = options
  const idFor = (member: Member): string => `ask-organisation-${member.organisation.id}`
  const first = comparison.members.find((member) => member.organisation.id !== options.ownOrganisationId)
  const focusId = first ? idFor(first) : 'ask-authorities'
  const statistical = comparison.group === 'statistical'
  const unit = comparison.metric.unit
  const nameCell = (member: Member): HTMLElement => {
    const own = member.organisation.id === options.ownOrganisationId
    const note = own ? ' (your authority)' : member.is_subject ? ' (the authority compared)' : ''
    if (own) return h('span', null, member.organisation.name, note)
    return h(
      'div',
      { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
      h(
        'div',
        { class: 'govuk-checkboxes__item' },
        h('input', {
          class: 'govuk-checkboxes__input',
          id: idFor(member),
          name: 'audience_organisation_ids',
          type: 'checkbox',
          value: String(member.organisation.id),
          checked: chosen.has(member.organisation.id),
        }),
        h(
          'label',
          { class: 'govuk-label govuk-checkboxes__label', for: idFor(member) },
          member.organisation.name,
          note,
        ),
      ),
    )
  }
  const groupTable = scrollingTable({
    caption: `${comparison.metric.name}, ${options.periodLabel}: ${comparison.organisation.name} and ${comparison.group_name}`,
    firstCellIsHeader: true,
    columns: [
      { header: 'Authority' },
      { header: 'Rank' },
      { header: comparison.metric.name, numeric: true },
      ...(statistical ? [{ header: 'Closeness' }] : []),
    ],
    rows: comparison.members.map((member) => [
      nameCell(member),
      member.status === 'value'
        ? rankText(member.rank, comparison.ranked_count, comparison.metric.polarity)
        : 'Not counted',
      figureCell(member, unit),
      ...(statistical ? [member.is_subject ? 'Itself' : (member.closeness ?? 'Not known')] : []),
    ]),
  })
  const hint = h(
    'div',
    { id: 'ask-authorities-hint', class: 'govuk-hint' },
    comparison.metric.polarity === 'neutral'
      ? 'Tick the authorities you want to ask.'
      : `The ${preselected} best-ranked authorities are ticked. Change the ticks to ask others, up to ${maxAudience}.`,
  )
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', id: 'ask-authorities', 'aria-describedby': 'ask-authorities-hint' },
    h(
      'legend',
      { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' },
      h('h3', { class: 'govuk-fieldset__heading' }, 'Ask these authorities'),
    ),
    hint,
    groupTable,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  let message: HTMLElement | null = null
  return {
    element: group,
    focusId,
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      fieldset.setAttribute(
        'aria-describedby',
        text === null ? 'ask-authorities-hint' : 'ask-authorities-hint ask-authorities-error',
      )
      if (text === null) return
      message = h(
        'p',
        { id: 'ask-authorities-error', class: 'govuk-error-message' },
        h('span', { class: 'govuk-visually-hidden' }, 'Error:'),
        ` ${text}`,
      )
      groupTable.before(message)
    },
    selectedIds: () =>
      [...group.querySelectorAll<HTMLInputElement>('input[name="audience_organisation_ids"]:checked')].map((input) =>
        Number(input.value),
      ),
  }
}

function suggestedTitle(comparison: Comparison): string {
  const name = comparison.metric.name.toLowerCase()
  switch (comparison.metric.polarity) {
    case 'lower_is_better':
      return `How do you keep your ${name} low?`
    case 'higher_is_better':
      return `How do you keep your ${name} high?`
    case 'neutral':
      return `Your ${name}`
  }
}

function suggestedBody(comparison: Comparison, periodLabel: string): string {
  const { subject, statistics, metric } = comparison
  const ours =
    subject.status === 'value' && subject.value !== null
      ? `our ${metric.name.toLowerCase()} was ${formatValue(subject.value, metric.unit)}`
      : `we had no published ${metric.name.toLowerCase()}`
  const median =
    statistics.median === null ? '' : `, against a median of ${formatValue(statistics.median, metric.unit)}`
  return `In ${periodLabel} ${ours}${median}. What has worked for you?`
}

function checkAnswers(answers: { title: string; body: string; audience_organisation_ids: number[] }): FormError[] {
  const errors: FormError[] = []
  const count = answers.audience_organisation_ids.length
  if (count === 0) errors.push({ field: 'audience_organisation_ids', message: 'Select at least one authority to ask' })
  else if (count > maxAudience)
    errors.push({ field: 'audience_organisation_ids', message: `Select ${maxAudience} authorities or fewer` })
  if (!answers.title) errors.push({ field: 'title', message: 'Enter a title for your question' })
  else if ([...answers.title].length > 200)
    errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' })
  if (!answers.body) errors.push({ field: 'body', message: 'Enter your question' })
  return errors
}
