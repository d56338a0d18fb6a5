// "Recent discussions" on the home page: the few discussions with the latest activity, and the way to the rest.

import * as api from '../api'
import { h } from '../shell/dom'
import { link, paragraph } from '../shell/govuk'
import { ThreadList } from './thread-list'
import type { ThreadSummary } from './types'

export async function recentDiscussions(): Promise<HTMLElement> {
  let list: HTMLElement
  try {
    const page = await api.get<api.ListPage<ThreadSummary>>('/threads', { limit: 5 })
    list = new ThreadList(page.items, { empty: paragraph('Nobody has started a discussion yet.'), compact: true })
      .element
  } catch (error) {
    // The home page still works when discussions cannot be read.
    if (!(error instanceof api.ApiProblem) || error.status === 401) throw error
    console.warn('Recent discussions are not available', error)
    list = paragraph('Recent discussions cannot be shown at the moment.')
  }
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'recent-discussions' },
    h('h2', { class: 'govuk-heading-m', id: 'recent-discussions' }, 'Recent discussions'),
    list,
    h(
      'p',
      { class: 'govuk-body' },
      link('/discussions', 'See all discussions'),
      ' or ',
      link('/discussions/new', 'ask the network a question'),
    ),
  )
}
