// The figures of one local submission: a box per measure with its unit, draft or shared, and the revisions so far.
// The form checks only that each box holds a number; the server owns the rules on ranges (no negatives, percentages
// up to 100) and names the box it refuses as values.<key>, which is the key of that box here.

import * as api from '../api'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { type Field, radios, textInput } from '../shell/fields'
import { type FormError, type MessageArea, apiForm, fieldKey } from '../shell/form'
import { tag } from '../shell/govuk'
import { navigate } from '../shell/router'
import { scrollingTable } from '../shell/tables'
import { sectorName, sectors } from '../shell/words'
import type { Metric, SubmissionSheet, SubmissionStatus } from './types'
import { formatValue, unitSuffix } from './words'

const numberPattern = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/

export interface SubmissionFormOptions {
  sheet: SubmissionSheet
  metrics: readonly Metric[]
  area: MessageArea
}

export function submissionForm(options: SubmissionFormOptions): HTMLElement {
  const { sheet, metrics } = options
  const saved = sheet.submission?.values ?? {}
  const boxes = new Map<string, Field & { input: HTMLInputElement }>()
  for (const metric of metrics) {
    const official = sheet.official[metric.key]
    const suffix = unitSuffix[metric.unit]
    const value = saved[metric.key]
    boxes.set(
      metric.key,
      textInput({
        id: `value-${metric.key}`,
        name: `value-${metric.key}`,
        label: suffix ? `${metric.name} (${suffix})` : metric.name,
        hint:
          official?.status === 'value' && official.value !== null
            ? `Published figure: ${formatValue(official.value, metric.unit)}`
            : undefined,
        value: value === null || value === undefined ? '' : String(value),
        inputMode: 'decimal',
        spellcheck: false,
        widthClass: 'govuk-input--width-5',
        ...(suffix ? { suffix } : {}),
      }),
    )
  }
  const fields: Record<string, Field> = {}
  for (const [key, box] of boxes) fields[`values.${key}`] = box
  const status = radios({
    id: 'status',
    name: 'status',
    legend: 'Who can see these figures?',
    legendClass: 'govuk-fieldset__legend--m',
    choices: [
      { value: 'draft', text: 'Draft', hint: 'Only your organisation sees it.' },
      { value: 'shared', text: 'Shared', hint: 'The network sees it, marked “local, not official”.' },
    ],
    values: [sheet.submission?.status ?? 'draft'],
  })
  fields['status'] = status
  const namesByField = new Map(metrics.map((metric) => [`values.${metric.key}`, metric.name]))

  const form = apiForm({
    fields,
    content: [...sectionsByServices(metrics, boxes), status.element],
    area: options.area,
    submitLabel: 'Save figures',
    check: () => {
      const errors: FormError[] = []
      for (const metric of metrics) {
        const text = boxes.get(metric.key)?.input.value.trim() ?? ''
        if (text && !numberPattern.test(text))
          errors.push({ field: `values.${metric.key}`, message: `Enter ${metric.name} as a number, like 17.5` })
      }
      return errors
    },
    send: async () => {
      const chosen = (new FormData(form).get('status') ?? 'draft') as SubmissionStatus
      const values: Record<string, number | null> = {}
      for (const [key, box] of boxes) {
        const text = box.input.value.trim().replaceAll(',', '')
        values[key] = text ? Number(text) : null
      }
      const answer = await api.put<SubmissionSheet>(
        `/organisations/${sheet.organisation.id}/metrics/${encodeURIComponent(sheet.period)}`,
        { values, status: chosen },
      )
      const query = new URLSearchParams({ organisation_id: String(answer.organisation.id), period: answer.period })
      navigate(`/benchmarking/submissions?${query.toString()}`, {
        replace: true,
        flash:
          chosen === 'shared'
            ? `Figures for ${answer.label} saved and shared with the network`
            : `Figures for ${answer.label} saved as a draft`,
      })
    },
    problemErrors: (problem) => (problem.status === 422 ? valueErrors(problem, fields, namesByField) : null),
  })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'figures-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'figures-heading' }, 'Your figures'),
    h('p', { class: 'govuk-body' }, 'Leave a box empty when you have no figure. An empty box is not counted as 0.'),
    form,
  )
}

/** The boxes under a heading per services, children's first, when the measures are for more than one. */
function sectionsByServices(
  metrics: readonly Metric[],
  boxes: ReadonlyMap<string, Field & { input: HTMLInputElement }>,
): HTMLElement[] {
  const present = sectors.filter((sector) => metrics.some((metric) => metric.sector === sector))
  if (present.length <= 1) return [...boxes.values()].map((box) => box.element)
  return present.flatMap((sector) => [
    h('h3', { class: 'govuk-heading-m' }, sectorName(sector)),
    ...metrics.filter((metric) => metric.sector === sector).flatMap((metric) => boxes.get(metric.key)?.element ?? []),
  ])
}

/** values.<key> belongs to that measure's box; the server's words become a sentence about the measure. */
function valueErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  names: ReadonlyMap<string, string>,
): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = error.field in fields ? error.field : fieldKey(error.field) in fields ? fieldKey(error.field) : ''
    if (key && errors.some((known) => known.field === key)) continue
    const name = names.get(key)
    const message = name && /^[a-z]/.test(error.message) ? `${name} ${error.message}` : error.message
    errors.push({ field: key, message })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}

const statusNames: Readonly<Record<SubmissionStatus, string>> = {
  draft: 'Draft',
  shared: 'Shared',
}

/** Every saved version, newest first: who saved it, when, draft or shared, and its figures. */
export function historyTable(sheet: SubmissionSheet, metrics: readonly Metric[]): HTMLElement {
  const byKey = new Map(metrics.map((metric) => [metric.key, metric]))
  const figures = (values: Record<string, number | null>): HTMLElement | string => {
    const entered = Object.entries(values).filter((entry): entry is [string, number] => entry[1] !== null)
    if (entered.length === 0) return 'No figures'
    return h(
      'ul',
      { class: 'govuk-list' },
      entered.map(([key, value]) => {
        const metric = byKey.get(key)
        return h('li', null, `${metric?.name ?? key}: ${metric ? formatValue(value, metric.unit) : String(value)}`)
      }),
    )
  }
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'history-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'history-heading' }, 'History of changes'),
    sheet.history.length === 0
      ? h('p', { class: 'govuk-body' }, 'Nobody has saved figures for this period yet.')
      : scrollingTable({
          caption: `Saved versions of the local figures for ${sheet.label}, newest first`,
          captionHidden: true,
          columns: [
            { header: 'Version', numeric: true },
            { header: 'Status' },
            { header: 'Figures' },
            { header: 'Saved by' },
            { header: 'Saved' },
          ],
          rows: sheet.history.map((revision) => [
            String(revision.revision),
            tag(statusNames[revision.status] ?? revision.status, revision.status === 'shared' ? 'blue' : 'grey'),
            figures(revision.values),
            revision.changed_by.display_name,
            timeElement(revision.changed_at),
          ]),
        }),
  )
}
