// GOV.UK Frontend components built as DOM: the same markup as the Design System's Nunjucks macros, so the CSS and
// JavaScript of govuk-frontend apply unchanged. Every builder takes text, never markup.

import { initAll } from 'govuk-frontend'
import { type Child, classes, h, svg } from './dom'

let lastId = 0

/** An id unique within the page, for labels, hints and error messages that refer to each other. */
export function uniqueId(prefix: string): string {
  lastId += 1
  return `${prefix}-${lastId}`
}

/** Starts govuk-frontend's JavaScript for the components inside a container that was just filled. */
export function initComponents(scope: Element): void {
  initAll({
    scope,
    onError: (error) => console.error('GOV.UK Frontend component failed to start', error),
  })
}

/** The GOV.UK layout for reading: content in the left two-thirds of the page. */
export function twoThirds(...children: Child[]): HTMLElement {
  return h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, ...children))
}

/** A list page's top: its heading and a line about it, with the button to add to it on the right. */
export function headingWithAction(heading: string, intro: Child, action: Child): HTMLElement {
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h('div', { class: 'govuk-grid-column-two-thirds' }, pageHeading(heading), paragraph(intro)),
    h('div', { class: 'govuk-grid-column-one-third app-align-right' }, action),
  )
}

export function caption(text: string): HTMLElement {
  return h('span', { class: 'govuk-caption-l' }, text)
}

export function pageHeading(text: string): HTMLHeadingElement {
  return h('h1', { class: 'govuk-heading-l' }, text)
}

export function paragraph(...children: Child[]): HTMLParagraphElement {
  return h('p', { class: 'govuk-body' }, ...children)
}

export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { class: 'govuk-link', href }, ...children)
}

export function visuallyHidden(text: string): HTMLSpanElement {
  return h('span', { class: 'govuk-visually-hidden' }, text)
}

export function bulletList(items: Child[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'govuk-list govuk-list--bullet' },
    items.map((item) => h('li', null, item)),
  )
}

/** The GOV.UK inset text: something the reader should notice, set apart from the text around it. */
export function insetText(...children: Child[]): HTMLElement {
  return h('div', { class: 'govuk-inset-text' }, ...children)
}

/** The GOV.UK confirmation panel, at the top of the page that says a transaction is complete. */
export function confirmationPanel(title: string, ...body: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-panel govuk-panel--confirmation' },
    h('h1', { class: 'govuk-panel__title' }, title),
    body.length > 0 && h('div', { class: 'govuk-panel__body' }, ...body),
  )
}

export function tag(text: string, colour?: 'grey' | 'green' | 'red' | 'blue'): HTMLElement {
  return h('strong', { class: classes('govuk-tag', colour && `govuk-tag--${colour}`) }, text)
}

/** The GOV.UK warning text: an exclamation mark and a short warning in bold, read as "Warning". */
export function warningText(...children: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h(
      'strong',
      { class: 'govuk-warning-text__text' },
      h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
      ' ',
      ...children,
    ),
  )
}

export interface ButtonOptions {
  type?: 'submit' | 'button'
  variant?: 'secondary' | 'warning'
  small?: boolean
}

export function button(content: Child, options: ButtonOptions = {}): HTMLButtonElement {
  return h(
    'button',
    {
      type: options.type ?? 'submit',
      class: classes(
        'govuk-button',
        options.variant && `govuk-button--${options.variant}`,
        options.small && 'govuk-button--small',
      ),
      'data-module': 'govuk-button',
    },
    content,
  )
}

/** A link that looks like a button, for an action that is a page of its own ("Ask a question"). */
export function buttonLink(href: string, content: Child, variant?: 'secondary' | 'warning'): HTMLAnchorElement {
  return h(
    'a',
    {
      href,
      role: 'button',
      draggable: 'false',
      class: classes('govuk-button', variant && `govuk-button--${variant}`),
      'data-module': 'govuk-button',
    },
    content,
  )
}

/** The GOV.UK details component: `summary` opens to show `content`. */
export function details(summary: string, ...content: Child[]): HTMLDetailsElement {
  return h(
    'details',
    { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, summary)),
    h('div', { class: 'govuk-details__text' }, ...content),
  )
}

export interface SummaryRow {
  key: string
  value: Child
  /** A link to change the value ("Change"), named for screen readers by `visuallyHiddenText`. */
  action?: { href: string; text: string; visuallyHiddenText: string; id?: string }
}

export function summaryList(rows: readonly SummaryRow[]): HTMLDListElement {
  const someHaveActions = rows.some((row) => row.action)
  return h(
    'dl',
    { class: 'govuk-summary-list' },
    rows.map((row) =>
      h(
        'div',
        {
          class: classes(
            'govuk-summary-list__row',
            someHaveActions && !row.action && 'govuk-summary-list__row--no-actions',
          ),
        },
        h('dt', { class: 'govuk-summary-list__key' }, row.key),
        h('dd', { class: 'govuk-summary-list__value' }, row.value),
        row.action &&
          h(
            'dd',
            { class: 'govuk-summary-list__actions' },
            h(
              'a',
              { class: 'govuk-link', href: row.action.href, id: row.action.id },
              row.action.text,
              visuallyHidden(` ${row.action.visuallyHiddenText}`),
            ),
          ),
      ),
    ),
  )
}

export interface TableColumn {
  header: string
  numeric?: boolean
}

export interface TableOptions {
  caption: string
  /** Keep the caption for screen readers only when a visible heading already says the same. */
  captionHidden?: boolean
  columns: readonly TableColumn[]
  rows: readonly (readonly Child[])[]
  /** The first cell of each row names the row (a th with scope=row). */
  firstCellIsHeader?: boolean
}

export function table(options: TableOptions): HTMLTableElement {
  const numeric = (index: number): boolean => options.columns[index]?.numeric === true
  return h(
    'table',
    { class: 'govuk-table' },
    h(
      'caption',
      { class: options.captionHidden ? 'govuk-visually-hidden' : 'govuk-table__caption govuk-table__caption--m' },
      options.caption,
    ),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        options.columns.map((column) =>
          h(
            'th',
            {
              class: classes('govuk-table__header', column.numeric && 'govuk-table__header--numeric'),
              scope: 'col',
            },
            column.header,
          ),
        ),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      options.rows.map((row) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          row.map((cell, index) =>
            index === 0 && options.firstCellIsHeader
              ? h('th', { class: 'govuk-table__header', scope: 'row' }, cell)
              : h('td', { class: classes('govuk-table__cell', numeric(index) && 'govuk-table__cell--numeric') }, cell),
          ),
        ),
      ),
    ),
  )
}

/**
 * A table that scrolls sideways inside its own region on narrow screens, so that the page never does. The region
 * takes keyboard focus (to scroll it with the arrow keys) and is named by the table's caption.
 */
export function scrollingTable(options: TableOptions): HTMLElement {
  const element = table(options)
  const captionId = uniqueId('table-caption')
  element.caption?.setAttribute('id', captionId)
  return h('div', { class: 'app-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 }, element)
}

export interface ErrorItem {
  text: string
  /** The id of the field to go to, as "#id"; items without one are messages about the whole form. */
  href?: string
}

export function errorSummary(items: readonly ErrorItem[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary' },
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
      h(
        'div',
        { class: 'govuk-error-summary__body' },
        h(
          'ul',
          { class: 'govuk-list govuk-error-summary__list' },
          items.map((item) => h('li', null, item.href ? h('a', { href: item.href }, item.text) : item.text)),
        ),
      ),
    ),
  )
}

export interface BannerOptions {
  heading: string
  body?: Child
  success?: boolean
}

export function notificationBanner(options: BannerOptions): HTMLElement {
  const titleId = uniqueId('notification-banner-title')
  return h(
    'div',
    {
      class: classes('govuk-notification-banner', options.success && 'govuk-notification-banner--success'),
      role: options.success ? 'alert' : 'region',
      'aria-labelledby': titleId,
      'data-module': 'govuk-notification-banner',
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id: titleId }, options.success ? 'Success' : 'Important'),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading' }, options.heading),
      options.body !== undefined && paragraph(options.body),
    ),
  )
}

export interface PaginationLink {
  href: string
  label?: string
}

function paginationArrow(direction: 'prev' | 'next'): SVGElement {
  const path =
    direction === 'prev'
      ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z'
      : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z'
  return svg(
    'svg',
    {
      class: `govuk-pagination__icon govuk-pagination__icon--${direction}`,
      height: 13,
      width: 15,
      'aria-hidden': 'true',
      focusable: 'false',
      viewBox: '0 0 15 13',
    },
    svg('path', { d: path }),
  )
}

function paginationLink(direction: 'prev' | 'next', target: PaginationLink): HTMLElement {
  const title = direction === 'prev' ? 'Previous' : 'Next'
  const arrow = paginationArrow(direction)
  const text = target.label
    ? h('span', { class: 'govuk-pagination__link-title' }, `${title} page`)
    : h(
        'span',
        { class: 'govuk-pagination__link-title govuk-pagination__link-title--decorated' },
        title,
        visuallyHidden(' page'),
      )
  const label = target.label
    ? [
        h('span', { class: 'govuk-visually-hidden' }, ':'),
        h('span', { class: 'govuk-pagination__link-label' }, target.label),
      ]
    : null
  return h(
    'div',
    { class: `govuk-pagination__${direction}` },
    h(
      'a',
      { class: 'govuk-link govuk-pagination__link', href: target.href, rel: direction },
      direction === 'prev' ? [arrow, text] : [text, arrow],
      label,
    ),
  )
}

export function pagination(previous: PaginationLink | null, next: PaginationLink | null): HTMLElement | null {
  if (!previous && !next) return null
  return h(
    'nav',
    { class: 'govuk-pagination govuk-pagination--block', 'aria-label': 'Pagination' },
    previous && paginationLink('prev', previous),
    next && paginationLink('next', next),
  )
}

export interface TabItem {
  id: string
  label: string
  panel: Child
}

export function tabs(title: string, items: readonly TabItem[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-tabs', 'data-module': 'govuk-tabs' },
    h('h2', { class: 'govuk-tabs__title' }, title),
    h(
      'ul',
      { class: 'govuk-tabs__list' },
      items.map((item, index) =>
        h(
          'li',
          { class: classes('govuk-tabs__list-item', index === 0 && 'govuk-tabs__list-item--selected') },
          h('a', { class: 'govuk-tabs__tab', href: `#${item.id}` }, item.label),
        ),
      ),
    ),
    items.map((item, index) =>
      h(
        'div',
        { class: classes('govuk-tabs__panel', index > 0 && 'govuk-tabs__panel--hidden'), id: item.id },
        item.panel,
      ),
    ),
  )
}
