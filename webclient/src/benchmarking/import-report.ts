// What an import did, as the server reports it: rows read, values imported and suppressed, reference and joint
// rows, and every rejected row with its reason. Also the table of past imports.

import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { paragraph, tag } from '../shell/govuk'
import { scrollingTable, summaryList } from '../shell/tables'
import { numberWords } from '../shell/words'
import type { ImportReport } from './types'

const formatNames: Readonly<Record<ImportReport['format'], string>> = {
  dfe_csww: 'DfE children’s social work workforce',
  long: 'Long format (organisation code, period, measure, value)',
}

function formatName(format: ImportReport['format']): string {
  return formatNames[format] ?? format
}

/** Who imported it: imports run on the server with `pswnet import` have no person (`imported_by` is null). */
function importedBy(report: ImportReport): string {
  return report.imported_by?.display_name ?? 'The pswnet import command'
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
      { key: 'Rows read', value: numberWords(report.rows_read) },
      {
        key: 'Values imported',
        value:
          `${numberWords(report.values_imported)} (${numberWords(report.values_created)} new, ` +
          `${numberWords(report.values_updated)} changed, ${numberWords(report.values_unchanged)} unchanged)`,
      },
      {
        key: 'Values suppressed',
        value: `${numberWords(report.values_suppressed)}, stored as no figure with their reason`,
      },
      { key: 'England and region rows', value: numberWords(report.reference_rows) },
      { key: 'Joint returns', value: numberWords(report.joint_rows) },
      { key: 'Periods', value: report.periods.length > 0 ? report.periods.join(', ') : 'None' },
      { key: 'Rows rejected', value: numberWords(rejected.length) },
      { key: 'Imported by', value: [importedBy(report), ', ', timeElement(report.created_at)] },
    ]),
    rejected.length === 0
      ? paragraph('No rows were rejected.')
      : scrollingTable({
          caption: `Rejected rows (${numberWords(rejected.length)})`,
          columns: [{ header: 'Row', numeric: true }, { header: 'Code' }, { header: 'Name' }, { header: 'Reason' }],
          rows: rejected.map((row) => [String(row.row), row.code, row.name, row.reason]),
        }),
  )
}

export function pastImportsTable(reports: readonly ImportReport[]): HTMLElement {
  if (reports.length === 0) return paragraph('Nothing has been imported yet.')
  return scrollingTable({
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
      numberWords(report.rows_read),
      numberWords(report.values_imported),
      numberWords(report.values_suppressed),
      numberWords(report.rows_rejected.length),
      importedBy(report),
    ]),
  })
}
