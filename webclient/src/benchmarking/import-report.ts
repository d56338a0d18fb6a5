// What an import did, as the server reports it: rows read, values imported and suppressed, reference and joint
// rows, and every rejected row with its reason. Also the table of past imports.

import { timeElement } from '../forum/words'
import { h } from '../shell/dom'
import { paragraph, summaryList, table, tag } from '../shell/govuk'
import type { ImportReport } from './types'
import { formatNumber } from './words'

const formatNames: Readonly<Record<ImportReport['format'], string>> = {
  dfe_csww: 'DfE children’s social work workforce',
  long: 'Long format (organisation code, period, measure, value)',
}

function formatName(format: ImportReport['format']): string {
  return formatNames[format] ?? format
}

function resultTag(report: ImportReport): HTMLElement {
  return report.status === 'imported' ? tag('Imported', 'green') : tag('Unchanged', 'grey')
}

export function importReportSection(report: ImportReport): HTMLElement {
  const rejected = report.rows_rejected
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'report-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'report-heading' }, 'Import report'),
    report.status === 'unchanged' &&
      paragraph('This file had already been imported with the same figures, so nothing has changed.'),
    summaryList([
      { key: 'File', value: report.filename ?? 'No file name' },
      { key: 'Format', value: formatName(report.format) },
      { key: 'Result', value: resultTag(report) },
      { key: 'Rows read', value: formatNumber(report.rows_read) },
      {
        key: 'Values imported',
        value:
          `${formatNumber(report.values_imported)} (${formatNumber(report.values_created)} new, ` +
          `${formatNumber(report.values_updated)} changed, ${formatNumber(report.values_unchanged)} unchanged)`,
      },
      {
        key: 'Values suppressed',
        value: `${formatNumber(report.values_suppressed)}, stored as no figure with their reason`,
      },
      { key: 'England and region rows', value: formatNumber(report.reference_rows) },
      { key: 'Joint returns', value: formatNumber(report.joint_rows) },
      { key: 'Periods', value: report.periods.length > 0 ? report.periods.join(', ') : 'None' },
      { key: 'Rows rejected', value: formatNumber(rejected.length) },
      { key: 'Imported by', value: [report.imported_by.display_name, ', ', timeElement(report.created_at)] },
    ]),
    rejected.length === 0
      ? paragraph('No rows were rejected.')
      : table({
          caption: `Rejected rows (${formatNumber(rejected.length)})`,
          columns: [{ header: 'Row', numeric: true }, { header: 'Code' }, { header: 'Name' }, { header: 'Reason' }],
          rows: rejected.map((row) => [String(row.row), row.code, row.name, row.reason]),
        }),
  )
}

export function pastImportsTable(reports: readonly ImportReport[]): HTMLElement {
  if (reports.length === 0) return paragraph('Nothing has been imported yet.')
  return table({
    caption: 'Past imports, newest first',
    captionHidden: true,
    columns: [
      { header: 'Imported' },
      { header: 'File' },
      { header: 'Result' },
      { header: 'Rows read', numeric: true },
      { header: 'Values imported', numeric: true },
      { header: 'Suppressed', numeric: true },
      { header: 'Rows rejected', numeric: true },
      { header: 'By' },
    ],
    rows: reports.map((report) => [
      timeElement(report.created_at),
      [report.filename ?? 'No file name', h('span', { class: 'govuk-body-s' }, ` (${formatName(report.format)})`)],
      resultTag(report),
      formatNumber(report.rows_read),
      formatNumber(report.values_imported),
      formatNumber(report.values_suppressed),
      formatNumber(report.rows_rejected.length),
      report.imported_by.display_name,
    ]),
  })
}
