// Importing figures, for network administrators: a CSV uploaded with a progress bar (the DfE workforce file or a
// long file of organisation code, period, measure and value), the report of what it did, the past imports, and a
// form to add a measure that the DfE file does not have.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h, replaceContent } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { fileUpload, radios } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { caption, details, initComponents, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type LiveRegion, liveRegion } from '../shell/live-region'
import type { PageView } from '../shell/page'
import { scrollingTable } from '../shell/tables'
import { uploadProgress } from '../shell/upload-progress'
import { numberWords, sectorName } from '../shell/words'
import { addMetricSection } from './add-metric'
import { loadMetrics, mayImportFigures } from './catalogue'
import { importReportSection, pastImportsTable } from './import-report'
import type { ImportList, ImportReport, Metric } from './types'

const maxBytes = 20 * 1024 * 1024

export async function importsPage(): Promise<PageView> {
  await refreshUser()
  if (!mayImportFigures()) return forbiddenPage()
  const [imports, metrics] = await Promise.all([api.get<ImportList>('/benchmarking/imports'), loadMetrics()])
  const area = new MessageArea()
  const live = liveRegion()
  const report = h('div')
  const past = h('div', null, pastImportsTable(imports.items))

  const showReport = async (answer: ImportReport): Promise<void> => {
    replaceContent(report, importReportSection(answer))
    initComponents(report)
    try {
      const latest = await api.get<ImportList>('/benchmarking/imports')
      replaceContent(past, pastImportsTable(latest.items))
    } catch (error) {
      // The report is what matters; the list catches up on the next visit.
      console.warn('Past imports could not be read again', error)
    }
  }

  return {
    title: 'Import workforce figures',
    content: [
      h('a', { class: 'govuk-back-link', href: '/benchmarking' }, 'Back to benchmarking'),
      live.element,
      area.element,
      twoThirds(
        caption('Benchmarking'),
        pageHeading('Import workforce figures'),
        paragraph(
          'Upload the Department for Education’s children’s social work workforce file as it is published, or a ' +
            'long file with the columns organisation_code, period, metric_key and value for other measures. ' +
            'Importing the same file again changes nothing.',
        ),
        measureKeys(metrics),
        uploadForm(area, live, showReport),
      ),
      report,
      h(
        'section',
        { class: 'app-section', 'aria-labelledby': 'past-imports' },
        h('h2', { class: 'govuk-heading-l', id: 'past-imports' }, 'Past imports'),
        past,
      ),
      addMetricSection(),
    ],
  }
}

/** The metric_key of every measure, for a long file: adults' measures (from Skills for Care, say) have no DfE file. */
function measureKeys(metrics: readonly Metric[]): HTMLDetailsElement {
  return details(
    'Measure keys for a long file',
    paragraph(
      'Each row of a long file names one measure by its key, for example adults’ social work figures from Skills ' +
        'for Care’s local authority workforce data: organisation_code is the authority’s ONS code and period a ' +
        'year (2024) or a quarter (2024-Q2).',
    ),
    scrollingTable({
      caption: 'Measures and their keys',
      columns: [{ header: 'Key' }, { header: 'Measure' }, { header: 'Services' }],
      rows: metrics.map((metric) => [h('code', null, metric.key), metric.name, sectorName(metric.sector)]),
    }),
  )
}

function uploadForm(
  area: MessageArea,
  live: LiveRegion,
  showReport: (report: ImportReport) => Promise<void>,
): HTMLFormElement {
  const fields = {
    file: fileUpload({
      id: 'file',
      name: 'file',
      label: 'CSV file',
      hint: 'Up to 20 MB, with a header row.',
      accept: '.csv,text/csv',
    }),
    format: radios({
      id: 'format',
      name: 'format',
      legend: 'Format of the file',
      legendClass: 'govuk-fieldset__legend--s',
      choices: [
        { value: 'detect', text: 'Work it out from the header row' },
        { value: 'dfe_csww', text: 'DfE children’s social work workforce' },
        { value: 'long', text: 'Long: organisation_code, period, metric_key, value' },
      ],
      values: ['detect'],
      small: true,
    }),
  }
  const progress = uploadProgress(live, {
    checking: 'checking the figures',
    uploadedAnnouncement: () => 'Uploaded: checking the figures',
  })

  const chosenFile = (): File | null => fields.file.input.files?.[0] ?? null
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Upload and import',
    check: () => checkFile(chosenFile()),
    send: async () => {
      const file = chosenFile()
      if (!file) return
      const format = String(new FormData(form).get('format') ?? 'detect')
      progress.start(file.name)
      try {
        const report = await api.upload<ImportReport>('/benchmarking/imports', file, {
          contentType: 'text/csv',
          headers: { 'X-Filename': headerSafeName(file.name) },
          query: { format: format === 'detect' ? null : format },
          onProgress: (sent, total) => progress.update(file.name, sent, total),
        })
        progress.hide()
        const summary =
          report.status === 'unchanged'
            ? 'Nothing changed: this file had already been imported'
            : `Imported ${numberWords(report.values_imported)} values from ${numberWords(report.rows_read)} rows`
        // The report is on the page before the banner takes focus; the list of past imports follows.
        const pastRefreshed = showReport(report)
        live.announce(`${summary}. ${numberWords(report.rows_rejected.length)} rows rejected.`)
        area.showBanner(fields, { heading: summary, success: report.status === 'imported' })
        form.reset()
        await pastRefreshed
      } catch (error) {
        progress.hide()
        throw error
      }
    },
    problemErrors: (problem) => fileErrors(problem),
  })
  form.insertBefore(progress.element, form.lastElementChild)
  return form
}

function checkFile(file: File | null): FormError[] {
  if (!file) return [{ field: 'file', message: 'Select a CSV file' }]
  if (file.size === 0) return [{ field: 'file', message: 'The selected file is empty' }]
  if (file.size > maxBytes) return [{ field: 'file', message: 'The selected file must be smaller than 20 MB' }]
  return []
}

/** The server names the uploaded body "body": that is the file box here. */
function fileErrors(problem: api.ApiProblem): FormError[] | null {
  if (problem.status === 413) return [{ field: 'file', message: 'The selected file must be smaller than 20 MB' }]
  if (problem.status !== 422) return null
  const errors = problem.errors.map((error) => ({
    field: error.field === 'body' ? 'file' : error.field === 'format' ? 'format' : '',
    message:
      error.field === 'body' && /^[a-z]/.test(error.message) ? `The selected file ${error.message}` : error.message,
  }))
  return errors.length > 0 ? errors : [{ field: 'file', message: problem.detail || problem.title }]
}

/** Header values must be plain ASCII: other characters are percent-encoded rather than lost. */
function headerSafeName(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name)
}
