// GOV.UK components that tell the user how something went: the confirmation panel, the error summary and the
// notification banner.

import { type Child, classes, h } from './dom'
import { paragraph, uniqueId } from './govuk'

/** The GOV.UK confirmation panel, at the top of the page that says a transaction is complete. */
export function confirmationPanel(title: string, ...body: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-panel govuk-panel--confirmation' },
    h('h1', { class: 'govuk-panel__title' }, title),
    body.length > 0 && h('div', { class: 'govuk-panel__body' }, ...body),
  )
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
