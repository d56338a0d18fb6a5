// The email outbox, for network administrators: how many emails are queued, sent and failed, and each email with its
// recipient, subject, attempts and last error, newest first. Bodies are never shown.

import * as api from '../api'
import { hasRole } from '../identity/session'
import { shortTimeElement } from '../shell/dates'
import { classes, h } from '../shell/dom'
import { pageHeading, paragraph } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { pagination } from '../shell/pagination'
import { scrollingTable, summaryList } from '../shell/tables'
import { count } from '../shell/words'
import type { OutboxEntry, OutboxPage, OutboxStatus } from './types'
import { outboxKindName, outboxStatusNames, outboxStatusTag } from './words'

const statuses: readonly OutboxStatus[] = ['queued', 'sent', 'failed']

/** Whether the navigation links to the outbox: the server decides who may see it. */
export function mayReadOutbox(): boolean {
  return hasRole('network_admin')
}

function outboxPath(status: OutboxStatus | null, cursor: string | null): string {
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }).toString()
  return query ? `/admin/outbox?${query}` : '/admin/outbox'
}

export async function outboxPage(context: PageContext): Promise<PageView | Redirect> {
  const asked = context.query.get('status')
  const status = statuses.find((known) => known === asked) ?? null
  if (asked !== null && status === null) return redirect('/admin/outbox')
  const cursor = context.query.get('cursor')
  const page = await api.get<OutboxPage>('/admin/outbox', { status, cursor, limit: 50 })

  const shown = status ? `${outboxStatusNames[status]} emails` : 'All emails'
  const next = page.next_cursor ? { href: outboxPath(status, page.next_cursor) } : null
  return {
    title: status ? `Email outbox: ${outboxStatusNames[status].toLowerCase()}` : 'Email outbox',
    content: [
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          pageHeading('Email outbox'),
          paragraph('The emails PSW Network has sent or is about to send, newest first. Their contents are not shown.'),
          summaryList(
            statuses.map((known) => ({
              key: outboxStatusNames[known],
              value: count(page.counts[known], 'email', 'emails'),
            })),
          ),
          statusFilter(status),
        ),
      ),
      page.items.length === 0
        ? paragraph(status ? `There are no ${status} emails.` : 'No emails have been sent yet.')
        : scrollingTable({
            caption: cursor ? `${shown}, continued` : `${shown}, newest first`,
            columns: [
              { header: 'Created' },
              { header: 'Recipient' },
              { header: 'Subject' },
              { header: 'Kind' },
              { header: 'Status' },
              { header: 'Attempts', numeric: true },
              { header: 'Sent or next try' },
              { header: 'Last error' },
            ],
            rows: page.items.map(outboxRow),
          }),
      pagination(null, next),
    ],
  }
}

function statusFilter(current: OutboxStatus | null): HTMLElement {
  const choices: readonly [OutboxStatus | null, string][] = [
    [null, 'All'],
    ...statuses.map((known): [OutboxStatus, string] => [known, outboxStatusNames[known]]),
  ]
  return h(
    'nav',
    { class: 'app-filter-links', 'aria-label': 'Emails by status' },
    h(
      'ul',
      { class: 'govuk-list app-filter-links__list' },
      choices.map(([status, text]) =>
        h(
          'li',
          { class: 'app-filter-links__item' },
          h(
            'a',
            {
              class: classes('govuk-link', status === current && 'app-filter-links__link--current'),
              href: outboxPath(status, null),
              'aria-current': status === current ? 'page' : null,
            },
            text,
          ),
        ),
      ),
    ),
  )
}

function outboxRow(entry: OutboxEntry): readonly (Node | string)[] {
  const when =
    entry.sent_at !== null
      ? shortTimeElement(entry.sent_at)
      : entry.next_attempt_at !== null
        ? h('span', null, 'Next try ', shortTimeElement(entry.next_attempt_at))
        : 'Not sent'
  return [
    shortTimeElement(entry.created_at),
    h('span', { class: 'app-break-anywhere' }, entry.recipient),
    entry.subject,
    outboxKindName(entry.kind),
    outboxStatusTag(entry.status),
    String(entry.attempts),
    when,
    entry.last_error === null ? '' : h('span', { class: 'app-break-anywhere' }, entry.last_error),
  ]
}
