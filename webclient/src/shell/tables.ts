// GOV.UK summary lists, summary cards and tables built as DOM, as the Design System's macros write them; tables that may be wider
// than a phone scroll inside a region of their own.

import { type Child, classes, h } from './dom'
import { uniqueId, visuallyHidden } from './govuk'

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

export interface SummaryCardAction {
  href: string
  text: string
  /** Read after `text` by screen readers, naming what the card is about ("Wiltshire Council"). */
  visuallyHiddenText: string
}

export interface SummaryCardOptions {
  /** The card's title: the thing it is about. */
  title: Child
  headingLevel: 'h2' | 'h3'
  /** For links to the card from elsewhere on the page. */
  id?: string
  /** Links that act on the whole card ("Change", "Remove"), beside its title. */
  actions?: readonly SummaryCardAction[]
}

/** The GOV.UK summary card: a summary list (and anything that goes with it) about one of several things. */
export function summaryCard(options: SummaryCardOptions, ...content: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-card', id: options.id },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h(options.headingLevel, { class: 'govuk-summary-card__title' }, options.title),
      options.actions &&
        options.actions.length > 0 &&
        h(
          'ul',
          { class: 'govuk-summary-card__actions' },
          options.actions.map((action) =>
            h(
              'li',
              { class: 'govuk-summary-card__action' },
              h(
                'a',
                { class: 'govuk-link', href: action.href },
                action.text,
                visuallyHidden(` ${action.visuallyHiddenText}`),
              ),
            ),
          ),
        ),
    ),
    h('div', { class: 'govuk-summary-card__content' }, ...content),
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
