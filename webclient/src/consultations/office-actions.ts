// What the office does from the dashboard: remind the authorities that have not responded, download every
// response (CSV for spreadsheets, JSON), open the closing report, attach papers, close the consultation early, and
// publish "you said, we did" once closed.

import * as api from '../api'
import { h } from '../shell/dom'
import { textarea } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { button, buttonLink, link, paragraph } from '../shell/govuk'
import type { LiveRegion } from '../shell/live-region'
import { navigate } from '../shell/router'
import { count } from '../shell/words'
import type { Consultation } from './types'
import { consultationPath } from './words'

export interface OfficeActionsContext {
  area: MessageArea
  live: LiveRegion
}

export function actionsPanel(consultation: Consultation, context: OfficeActionsContext): HTMLElement {
  const id = consultation.id
  const open = consultation.status === 'open'
  return h(
    'aside',
    { class: 'app-dashboard-actions', 'aria-labelledby': 'actions-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'actions-heading' }, 'Actions'),
    open && [
      h('h3', { class: 'govuk-heading-s' }, 'Remind authorities'),
      paragraph('Principal social workers in authorities that have not submitted a response get a notification.'),
      reminderButton(id, context),
    ],
    h('h3', { class: 'govuk-heading-s' }, 'Download the responses'),
    h(
      'ul',
      { class: 'govuk-list' },
      h(
        'li',
        null,
        downloadButton('Download as a spreadsheet (CSV)', () => csvFile(id), context),
      ),
      h(
        'li',
        null,
        downloadButton('Download as JSON', () => jsonFile(id), context),
      ),
    ),
    h('h3', { class: 'govuk-heading-s' }, 'More'),
    h(
      'ul',
      { class: 'govuk-list' },
      h('li', null, link(consultationPath(id), 'See the consultation page')),
      h('li', null, link(consultationPath(id, 'report'), 'Closing report to print or save as PDF')),
      h('li', null, link(consultationPath(id, 'papers'), 'Attach consultation papers')),
      (open || consultation.status === 'upcoming') &&
        h('li', null, link(`/consultations/${id}/deadline`, 'Change the closing date')),
      // The outcome's form is on this page, with its own "Publish the outcome" button.
      consultation.status === 'closed' && h('li', null, link('#outcome', 'Write the outcome')),
    ),
    // Closing early cannot be undone: a warning button, which leads to a page that asks first.
    open && buttonLink(`/consultations/${id}/close`, 'Close it now', 'warning'),
  )
}

function reminderButton(id: number, context: OfficeActionsContext): HTMLButtonElement {
  const control = button('Send a reminder', { type: 'button', variant: 'secondary' })
  control.addEventListener('click', () => {
    control.disabled = true
    api
      .post<{ notified: number }>(`/consultations/${id}/reminders`, {})
      .then(({ notified }) => {
        const heading =
          notified === 0
            ? 'Nobody needed a reminder: every authority has responded'
            : `Reminder sent to ${count(notified, 'person', 'people')}`
        context.area.showBanner({}, { heading, success: true })
      })
      .catch((error: unknown) => showProblem(context.area, error, 'The reminder could not be sent.'))
      .finally(() => {
        control.disabled = false
      })
  })
  return control
}

interface File {
  blob: Blob
  filename: string
}

async function csvFile(id: number): Promise<File> {
  const file = await api.download(`/consultations/${id}/responses`, 'text/csv')
  return { blob: file.blob, filename: file.filename ?? `consultation-${id}-responses.csv` }
}

async function jsonFile(id: number): Promise<File> {
  const responses = await api.get<unknown>(`/consultations/${id}/responses`)
  const blob = new Blob([JSON.stringify(responses, null, 2)], { type: 'application/json' })
  return { blob, filename: `consultation-${id}-responses.json` }
}

/**
 * A link cannot send the Accept header or the session's CSRF conventions, so the file is fetched through the API
 * module and handed to the browser as a download.
 */
function downloadButton(text: string, fetchFile: () => Promise<File>, context: OfficeActionsContext): HTMLElement {
  const control = button(text, { type: 'button', variant: 'secondary' })
  control.addEventListener('click', () => {
    control.disabled = true
    fetchFile()
      .then(({ blob, filename }) => {
        const url = URL.createObjectURL(blob)
        const anchor = h('a', { href: url, download: filename, hidden: true })
        document.body.append(anchor)
        anchor.click()
        anchor.remove()
        // The browser has taken the file by the time this runs; the address would otherwise live as long as the tab.
        window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
        context.live.announce(`Downloading ${filename}`)
      })
      .catch((error: unknown) => showProblem(context.area, error, 'The responses could not be downloaded.'))
      .finally(() => {
        control.disabled = false
      })
  })
  return control
}

function showProblem(area: MessageArea, error: unknown, fallback: string): void {
  const message =
    error instanceof api.ApiProblem && !error.isServiceFailure
      ? error.detail || error.title
      : `${fallback} Try again later.`
  if (!(error instanceof api.ApiProblem) || error.isServiceFailure) console.error(error)
  area.showErrors({}, [{ field: '', message }])
}

/** Once the consultation has closed: the form for "you said, we did". */
export function outcomeForm(consultation: Consultation, area: MessageArea): HTMLElement | null {
  if (consultation.status !== 'closed') return null
  const body = textarea({
    id: 'outcome-body',
    name: 'body',
    label: 'What you heard and what you are doing about it',
    hint:
      'Everyone in the network can read it on the consultation page, and it is announced in discussions. You can use ' +
      'Markdown: **bold**, a line starting with - for a list, ## for a heading.',
    rows: 10,
  })
  const fields = { body }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Publish the outcome',
    check: () => (body.textarea.value.trim() ? [] : [{ field: 'body', message: 'Enter the outcome' }]),
    send: async () => {
      await api.post<Consultation>(`/consultations/${consultation.id}/outcome`, { body: body.textarea.value.trim() })
      navigate(consultationPath(consultation.id), { flash: 'The outcome has been published' })
    },
  })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'outcome' },
    h('h2', { class: 'govuk-heading-l', id: 'outcome' }, 'Publish the outcome'),
    paragraph('Tell the network what you heard and what you did with it: “you said, we did”.'),
    form,
  )
}
