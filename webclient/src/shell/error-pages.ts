// The pages shown when there is nothing to show: an unknown address, no permission, or the service failing.

import { h } from './dom'
import { link, pageHeading, paragraph, twoThirds } from './govuk'
import type { PageView } from './page'

/** A page that only explains something: an h1 and a few paragraphs. */
export function messagePage(title: string, heading: string, ...paragraphs: HTMLElement[]): PageView {
  return {
    title,
    content: twoThirds(pageHeading(heading), paragraphs),
  }
}

export function notFoundPage(): PageView {
  return messagePage(
    'Page not found',
    'Page not found',
    paragraph('If you typed the web address, check it is correct.'),
    paragraph('If you pasted the web address, check you copied the entire address.'),
    paragraph(
      'You can ',
      link('/', 'go to the home page'),
      ' or ',
      link('/organisations', 'find an organisation'),
      '.',
    ),
  )
}

export function forbiddenPage(): PageView {
  return messagePage(
    'You cannot see this page',
    'You cannot see this page',
    paragraph('Your account does not give you access to this page.'),
    paragraph('If you think you should have access, ask your organisation’s administrator.'),
    paragraph(link('/', 'Go to the home page')),
  )
}

export function serviceProblemPage(requestId: string | null): PageView {
  return messagePage(
    'Sorry, there is a problem with the service',
    'Sorry, there is a problem with the service',
    paragraph('Try again later.'),
    paragraph('Anything you entered that was not saved will need to be entered again.'),
    requestId
      ? paragraph(
          'If you contact us about this, give this reference: ',
          h('span', { class: 'app-reference' }, requestId),
          '.',
        )
      : paragraph('If the problem continues, contact the PSW Network team.'),
  )
}
