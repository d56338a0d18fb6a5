// GOV.UK Frontend components built as DOM: the same markup as the Design System's Nunjucks macros, so the CSS and
// JavaScript of govuk-frontend apply unchanged. Every builder takes text, never markup. Here: the page layout, text,
// tags, buttons, details and tabs; tables, notices, pagination and form fields have files of their own.

import { initAll } from 'govuk-frontend'
import { type Child, classes, h } from './dom'

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
