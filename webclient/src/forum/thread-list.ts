// A list of discussions as the list page shows them: title, status, tags, replies and last activity. It updates in
// place when discussions start or move, without taking focus from where the user is.

import { timeElement } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { tag, visuallyHidden } from '../shell/govuk'
import { count, sectorName } from '../shell/words'
import type { ThreadSummary } from './types'
import { discussionGroupPath, kindNames, statusTag, tagPath, threadPath, threadStatus } from './words'

interface Row {
  thread: ThreadSummary
  element: HTMLLIElement
}

export interface ThreadListOptions {
  /** What to say when there is nothing to list. */
  empty: HTMLElement
  /** Whether each discussion names the group it was started in; not in the list of one group's discussions. */
  showGroup?: boolean
}

export class ThreadList {
  readonly element: HTMLElement = h('div')
  private readonly list = h('ul', { class: 'govuk-list app-thread-list' })
  private readonly rows = new Map<number, Row>()

  constructor(
    threads: readonly ThreadSummary[],
    private readonly options: ThreadListOptions,
  ) {
    for (const thread of threads) {
      const row = { thread, element: this.rowElement(thread, false) }
      this.rows.set(thread.id, row)
      this.list.append(row.element)
    }
    this.showListOrEmpty()
  }

  has(threadId: number): boolean {
    return this.rows.has(threadId)
  }

  /** Adds a discussion at the top; one that has just started is marked as new. */
  addToTop(thread: ThreadSummary, isNew: boolean): void {
    if (this.rows.has(thread.id)) return
    const row = { thread, element: this.rowElement(thread, isNew) }
    this.rows.set(thread.id, row)
    this.list.prepend(row.element)
    this.showListOrEmpty()
  }

  /** Shows a discussion's new counts and status; with `moveToTop`, moves it up unless the user is inside it. */
  update(thread: ThreadSummary, moveToTop: boolean): void {
    const row = this.rows.get(thread.id)
    if (!row) return
    const isNew = row.element.querySelector('.app-thread-list__new') !== null
    const focused = row.element.contains(document.activeElement)
    const fresh = this.rowElement(thread, isNew)
    row.thread = thread
    const freshMeta = fresh.querySelector('.app-thread-list__meta')
    if (focused && freshMeta) {
      // Rebuilding the row would drop the user's focus: change only the part that holds no focusable element.
      row.element.querySelector('.app-thread-list__meta')?.replaceWith(freshMeta)
      return
    }
    row.element.replaceWith(fresh)
    row.element = fresh
    if (moveToTop && this.list.firstChild !== fresh) this.list.prepend(fresh)
  }

  private showListOrEmpty(): void {
    replaceContent(this.element, this.rows.size === 0 ? this.options.empty : this.list)
  }

  private rowElement(thread: ThreadSummary, isNew: boolean): HTMLLIElement {
    const status = threadStatus(thread)
    const meta = h(
      'ul',
      { class: 'govuk-list app-thread-list__meta' },
      h('li', null, statusTag(status)),
      thread.kind !== 'question' && h('li', null, tag(kindNames[thread.kind], 'blue')),
      thread.locked && h('li', null, tag('Locked', 'grey')),
      h('li', null, sectorName(thread.sector)),
      h('li', null, count(thread.reply_count, 'reply', 'replies')),
      h('li', null, 'Last activity ', timeElement(thread.last_activity_at)),
    )
    return h(
      'li',
      { class: 'app-thread-list__item', 'data-thread-id': thread.id },
      h(
        'p',
        { class: 'govuk-body govuk-!-margin-bottom-1' },
        h('a', { class: 'govuk-link govuk-!-font-weight-bold', href: threadPath(thread) }, thread.title),
        isNew && [' ', h('strong', { class: 'govuk-tag govuk-tag--yellow app-thread-list__new' }, 'New')],
      ),
      h(
        'p',
        { class: 'govuk-body-s govuk-!-margin-bottom-1' },
        `${thread.kind === 'question' ? 'Asked' : 'Started'} by ${thread.author.display_name}, `,
        thread.author.organisation.name,
        thread.group &&
          this.options.showGroup !== false && [
            ', in ',
            h('a', { class: 'govuk-link', href: discussionGroupPath(thread.group) }, thread.group.name),
          ],
      ),
      meta,
      thread.tags.length > 0 &&
        h(
          'ul',
          { class: 'govuk-list app-thread-list__tags' },
          h('li', null, visuallyHidden('Tags:')),
          thread.tags.map((name) => h('li', null, h('a', { class: 'govuk-link', href: tagPath(name) }, name))),
        ),
    )
  }
}
