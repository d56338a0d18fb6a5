// The page an email change link opens, signed in or not: it names the new address and changes it only when the
// button is pressed, never on opening, because mail scanners open links too.

import * as api from '../api'
import { isSignedIn } from '../identity/session'
import { h } from '../shell/dom'
import { MessageArea, apiForm } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import { confirmationPanel } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'
import { signInPath } from '../shell/router'
import { previewLink, tokenPath, usedLinkPage } from './email-links'
import type { AccountTokenPreview } from './types'
import { accountPaths, linkLifetimes } from './words'

export async function confirmEmailPage(context: PageContext): Promise<PageView> {
  const path = tokenPath('/auth/email-confirmation', context.params['token'])
  const preview = await previewLink(path)
  if (!preview) return confirmationLinkUsedPage()

  const area = new MessageArea()
  const container = h('div')
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Confirm email address',
    check: () => [],
    send: async () => {
      const confirmed = await api.post<AccountTokenPreview>(path, undefined, { signInOnUnauthenticated: false })
      showInPlace(container, confirmedView(confirmed.email))
    },
    problemErrors: (problem) => {
      if (problem.status === 404) return [{ field: '', message: 'This link has expired or has already been used' }]
      if (problem.status === 409) {
        return [{ field: '', message: `Another account now uses ${preview.email}. Choose a different email address.` }]
      }
      return null
    },
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading('Confirm your new email address'),
      paragraph(
        'You asked to change the email address of your PSW Network account to ',
        h('strong', { class: 'app-break-anywhere' }, preview.email),
        '.',
      ),
      paragraph('Once you confirm it, you sign in with this address and we send emails to it.'),
      form,
    ),
  )
  return { title: 'Confirm your new email address', content: container }
}

function confirmedView(email: string): PageView {
  return {
    title: 'Email address confirmed',
    content: twoThirds(
      confirmationPanel(
        'Email address confirmed',
        'You now sign in with ',
        h('strong', { class: 'app-break-anywhere' }, email),
      ),
      paragraph('We have told your old email address about the change.'),
      isSignedIn()
        ? paragraph(link(accountPaths.account, 'Go to your account'))
        : paragraph(link(signInPath(accountPaths.account), 'Sign in with your new email address')),
    ),
  }
}

function confirmationLinkUsedPage(): PageView {
  return usedLinkPage(
    paragraph(`A link to confirm a new email address works once, for ${linkLifetimes.emailConfirmation}.`),
    isSignedIn()
      ? paragraph(link(accountPaths.email, 'Change your email address again'))
      : paragraph(
          'Your email address has not changed. ',
          link(signInPath(accountPaths.email), 'Sign in to change your email address'),
          '.',
        ),
  )
}
