// The page an email's "Stop emails like this" link opens, signed in or not: it says what the link stops and stops it
// when asked. The link's token is the authority, so nobody needs to sign in to stop unwanted email.

import * as api from '../api'
import { isSignedIn } from '../identity/session'
import { h, replaceContent } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { focusMainHeading, setPageTitle } from '../shell/layout'
import { confirmationPanel } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'
import { signInPath } from '../shell/router'
import type { UnsubscribeTarget } from './types'

const settingsPage = '/settings/notifications'

export async function unsubscribePage(context: PageContext): Promise<PageView> {
  const path = `/unsubscribe/${encodeURIComponent(context.params['token'] ?? '')}`
  let target: UnsubscribeTarget
  try {
    target = await api.get<UnsubscribeTarget>(path, undefined, { signInOnUnauthenticated: false })
  } catch (error) {
    if (error instanceof api.ApiProblem && error.status === 404) return invalidLinkPage()
    throw error
  }

  const area = new MessageArea()
  const container = h('div')
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Stop these emails',
    check: () => [],
    send: async () => {
      const done = await api.post<UnsubscribeTarget>(path, undefined, { signInOnUnauthenticated: false })
      replaceContent(container, stoppedView(done))
      setPageTitle('Emails stopped')
      focusMainHeading()
    },
    problemErrors: (problem) =>
      problem.status === 404
        ? [
            {
              field: '',
              message: 'This link has expired or is not valid. Sign in to change your notification settings.',
            },
          ]
        : null,
  })
  replaceContent(
    container,
    twoThirds(
      area.element,
      pageHeading(`Stop emails about: ${target.label}?`),
      paragraph('You will still see these notifications when you sign in to PSW Network.'),
      form,
    ),
  )
  return { title: 'Stop emails', content: container }
}

function settingsLink(): HTMLElement {
  return isSignedIn()
    ? paragraph(link(settingsPage, 'Change your notification settings'))
    : paragraph(link(signInPath(settingsPage), 'Sign in to change your notification settings'))
}

function stoppedView(done: UnsubscribeTarget): HTMLElement {
  return twoThirds(
    confirmationPanel('Emails stopped', `You will no longer get emails about: ${done.label}`),
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    paragraph('These notifications still show in PSW Network. Other emails you chose still arrive.'),
    settingsLink(),
  )
}

function invalidLinkPage(): PageView {
  return messagePage(
    'Link not valid',
    'This link has expired or is not valid',
    paragraph('Check you opened the whole link from the email.'),
    paragraph('You can choose which emails you get in your notification settings.'),
    settingsLink(),
  )
}
