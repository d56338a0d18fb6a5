// The page a password reset email's link opens: a new password for the address the link is for, then a
// confirmation. Every session of the account ends, so the person signs in again with the new password.

import * as api from '../api'
import { newPasswordHint, newPasswordProblem } from '../identity/passwords'
import { isSignedIn, loadSession } from '../identity/session'
import { h } from '../shell/dom'
import { passwordInput, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import { updateNavigation } from '../shell/layout'
import { confirmationPanel } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'
import { previewLink, tokenPath, usedLinkPage } from './email-links'
import type { NewPassword } from './types'
import { accountPaths, linkLifetimes } from './words'

const usedLinkMessage = 'This link has expired or has already been used'

export async function resetPasswordPage(context: PageContext): Promise<PageView> {
  const path = tokenPath('/auth/password-reset', context.params['token'])
  const preview = await previewLink(path)
  if (!preview) return resetLinkUsedPage()

  const area = new MessageArea()
  const fields = {
    // Read only, for password managers: they save the new password against this address.
    email: textInput({
      id: 'email',
      name: 'email',
      label: 'Email address',
      type: 'email',
      autocomplete: 'username',
      value: preview.email,
      readOnly: true,
    }),
    password: passwordInput({
      id: 'password',
      name: 'password',
      label: 'New password',
      hint: newPasswordHint,
      autocomplete: 'new-password',
    }),
  }
  const container = h('div')
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Reset password',
    check: () => {
      const problem = newPasswordProblem(fields.password.input.value, 'Enter a new password')
      const errors: FormError[] = problem ? [{ field: 'password', message: problem }] : []
      return errors
    },
    send: async () => {
      const body: NewPassword = { password: fields.password.input.value }
      await api.post<void>(path, body, { signInOnUnauthenticated: false })
      // Signed in as this account in this browser, that session has ended too: the header should say so.
      if (isSignedIn()) {
        await loadSession().catch((error: unknown) => console.error(error))
        updateNavigation(null, isSignedIn())
      }
      showInPlace(container, resetView())
    },
    problemErrors: (problem) => (problem.status === 404 ? [{ field: '', message: usedLinkMessage }] : null),
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading('Create a new password'),
      paragraph('Choose a new password for your PSW Network account.'),
      form,
    ),
  )
  return { title: 'Create a new password', content: container }
}

function resetView(): PageView {
  return {
    title: 'Password reset',
    content: twoThirds(
      confirmationPanel('Your password has been reset'),
      paragraph('You have been signed out on every device. Sign in again with your new password.'),
      paragraph(link('/sign-in', 'Sign in')),
    ),
  }
}

function resetLinkUsedPage(): PageView {
  return usedLinkPage(
    paragraph(`A link to reset your password works once, for ${linkLifetimes.passwordReset}.`),
    paragraph('If you asked for more than one, only the newest works.'),
    paragraph(link(accountPaths.passwordReset, 'Ask for a new link')),
  )
}
