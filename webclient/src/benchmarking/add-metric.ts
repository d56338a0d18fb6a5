// Adding a measure the DfE file does not have, such as one for adults' services from Skills for Care or one an
// authority defines locally; its figures then come from a long-format import or local submissions.

import * as api from '../api'
import { h } from '../shell/dom'
import { radios, select, textInput, textarea } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { twoThirds } from '../shell/govuk'
import { sectorName, sectors } from '../shell/words'
import type { Metric, Polarity, Unit } from './types'
import { polarityNames, unitNames } from './words'

const keyPattern = /^[a-z][a-z0-9_]{1,62}$/

export function addMetricSection(): HTMLElement {
  const area = new MessageArea()
  const fields = {
    key: textInput({
      id: 'metric-key',
      name: 'key',
      label: 'Key',
      hint: 'Used in long-format files: lower-case letters, numbers and underscores, like adult_vacancy_rate',
      spellcheck: false,
      widthClass: 'govuk-input--width-20',
    }),
    name: textInput({ id: 'metric-name', name: 'name', label: 'Name', hint: 'Up to 120 characters' }),
    unit: select({
      id: 'metric-unit',
      name: 'unit',
      label: 'Unit',
      value: 'count',
      choices: (Object.keys(unitNames) as Unit[]).map((unit) => ({ value: unit, text: unitNames[unit] })),
    }),
    sector: radios({
      id: 'metric-sector',
      name: 'sector',
      legend: 'Services',
      legendClass: 'govuk-fieldset__legend--s',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: ['adults'],
      small: true,
    }),
    polarity: radios({
      id: 'metric-polarity',
      name: 'polarity',
      legend: 'Which is better?',
      legendClass: 'govuk-fieldset__legend--s',
      hint: 'Authorities are ranked only when a lower or a higher figure is better.',
      choices: (Object.keys(polarityNames) as Polarity[]).map((polarity) => ({
        value: polarity,
        text: polarityNames[polarity],
      })),
      values: ['neutral'],
      small: true,
    }),
    definition: textarea({
      id: 'metric-definition',
      name: 'definition',
      label: 'Definition',
      hint: 'What is counted, in plain English, up to 1,000 characters',
      rows: 4,
    }),
    source: textInput({
      id: 'metric-source',
      name: 'source',
      label: 'Source',
      hint: 'Where the figures come from, for example Skills for Care adult social care workforce data',
    }),
  }
  const answers = () => {
    const data = new FormData(form)
    return {
      key: fields.key.input.value.trim(),
      name: fields.name.input.value.trim(),
      unit: fields.unit.select.value,
      sector: String(data.get('sector') ?? ''),
      polarity: String(data.get('polarity') ?? ''),
      definition: fields.definition.textarea.value.trim(),
      source: fields.source.input.value.trim(),
    }
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Add measure',
    check: () => checkAnswers(answers()),
    send: async () => {
      const metric = await api.post<Metric>('/benchmarking/metrics', answers())
      form.reset()
      area.showBanner(fields, {
        success: true,
        heading: `${metric.name} has been added`,
        body: `Import its figures in a long-format file with the key ${metric.key}.`,
      })
    },
    problemErrors: (problem) =>
      problem.status === 409 ? [{ field: 'key', message: 'A measure with this key already exists' }] : null,
  })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'add-metric' },
    twoThirds(area.element, h('h2', { class: 'govuk-heading-l', id: 'add-metric' }, 'Add a measure'), form),
  )
}

function checkAnswers(answers: Record<'key' | 'name' | 'definition' | 'source', string>): FormError[] {
  const errors: FormError[] = []
  if (!answers.key) errors.push({ field: 'key', message: 'Enter a key' })
  else if (!keyPattern.test(answers.key))
    errors.push({
      field: 'key',
      message: 'Key must start with a letter and use only lower-case letters, numbers and underscores',
    })
  if (!answers.name) errors.push({ field: 'name', message: 'Enter a name' })
  else if ([...answers.name].length > 120)
    errors.push({ field: 'name', message: 'Name must be 120 characters or fewer' })
  if (!answers.definition) errors.push({ field: 'definition', message: 'Enter a definition' })
  else if ([...answers.definition].length > 1000)
    errors.push({ field: 'definition', message: 'Definition must be 1,000 characters or fewer' })
  if (!answers.source) errors.push({ field: 'source', message: 'Enter where the figures come from' })
  return errors
}
