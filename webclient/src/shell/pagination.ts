// The GOV.UK pagination component, "Previous page" and "Next page" links with their arrows, for long lists.

import { h, svg } from './dom'
import { visuallyHidden } from './govuk'

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
