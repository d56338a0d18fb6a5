// The moderators' queue: posts that members have reported, with the reason, to hide or to dismiss. Resolved
// reports can be looked back on.

import * as api from '../api'
import { hasRole } from '../identity/session'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { postHtml } from './post-html'
import { runAction } from '../shell/actions'
import type { Flag } from './types'
import { postPath } from './words'

/** Whether the navigation links to the queue: the server decides who may see it. */
export function mayModerate(): boolean {
  return hasRole('moderator') || hasRole('network_admin')
}

export async function moderationPage(context: PageContext): Promise<PageView> {
  const resolved = context.query.get('status') === 'resolved'
  const cursor = context.query.get('cursor')
  const page = await api.get<api.ListPage<Flag>>('/moderation/flags', {
    status: resolved ? 'resolved' : 'open',
    cursor,
    limit: 50,
  })
  const area = new MessageArea()
  const cards = h('div')
  const empty = paragraph(resolved ? 'No reports have been resolved yet.' : 'There are no reports to look at.')
  for (const flag of page.items) cards.append(flagCard(flag, resolved, area, empty, cards))
  if (page.items.length === 0) cards.append(empty)

  const status = resolved ? 'resolved' : 'open'
  const next = page.next_cursor
    ? { href: `/moderation?${new URLSearchParams({ status, cursor: page.next_cursor }).toString()}` }
    : null
  return {
    title: resolved ? 'Resolved reports' : 'Reports to moderate',
    content: [
      twoThirds(
        area.element,
        pageHeading(resolved ? 'Resolved reports' : 'Reports to moderate'),
        paragraph(
          resolved
            ? link('/moderation', 'Show the reports still to look at')
            : link('/moderation?status=resolved', 'Show resolved reports'),
        ),
      ),
      cards,
      pagination(null, next),
    ],
  }
}

function flagCard(
  flag: Flag,
  resolved: boolean,
  area: MessageArea,
  empty: HTMLElement,
  cards: HTMLElement,
): HTMLElement {
  const post = flag.post
  const row = (key: string, value: Node | string): HTMLElement =>
    h(
      'div',
      { class: 'govuk-summary-list__row' },
      h('dt', { class: 'govuk-summary-list__key' }, key),
      h('dd', { class: 'govuk-summary-list__value' }, value),
    )
  const card = h(
    'div',
    { class: 'govuk-summary-card', 'data-flag-id': flag.id },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h(
        'h2',
        { class: 'govuk-summary-card__title' },
        'Report on a post in ',
        link(postPath(flag.thread.id, post.id), flag.thread.title),
      ),
    ),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      h(
        'dl',
        { class: 'govuk-summary-list' },
        row('Reason', flag.reason),
        row('Reported by', `${flag.flagged_by.display_name}, ${flag.flagged_by.organisation.name}`),
        row('Reported', timeElement(flag.created_at)),
        row('Written by', `${post.author.display_name}, ${post.author.organisation.name}`),
        row(
          'Post',
          h(
            'div',
            { class: 'app-post__body' },
            post.hidden ? h('p', { class: 'govuk-body' }, h('strong', null, 'Hidden')) : null,
            post.body_html === null ? paragraph('The post cannot be shown.') : postHtml(post.body_html, 3),
          ),
        ),
      ),
      resolved
        ? null
        : actions(flag, area, () => {
            card.remove()
            if (cards.childElementCount === 0) cards.append(empty)
          }),
    ),
  )
  return card
}

function actions(flag: Flag, area: MessageArea, done: () => void): HTMLElement {
  const resolve = (resolution: 'hidden' | 'dismissed', control: HTMLButtonElement): void =>
    runAction(area, control, async () => {
      await api.post(`/moderation/flags/${flag.id}/resolve`, { resolution })
      done()
      // The card and its buttons are gone: the banner takes the focus and says what happened.
      area.showBanner(
        {},
        {
          success: true,
          heading: resolution === 'hidden' ? 'The post has been hidden' : 'The report has been dismissed',
          body: `Report on a post in “${flag.thread.title}”.`,
        },
      )
    })
  const hide = button('Hide the post', { type: 'button', variant: 'warning' })
  const dismiss = button('Dismiss the report', { type: 'button', variant: 'secondary' })
  hide.addEventListener('click', () => resolve('hidden', hide))
  dismiss.addEventListener('click', () => resolve('dismissed', dismiss))
  return h('div', { class: 'govuk-button-group' }, hide, dismiss)
}
