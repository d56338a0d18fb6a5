// "Reset your password": asks for the email address and says a link is on its way, whether or not an account has
// that address, so the page tells nobody who has an account.

import * as api from '../api'
import { waitWords } from '../identity/words'
import { h } from '../shell/dom'
import { textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import type { PageView } from '../shell/page'
import { checkYourEmail } from './email-links'
import type { PasswordResetRequest } from './types'
import { accountPaths, emailFormatMessage, linkLifetimes, looksLikeEmail } from './words'

export async function forgottenPasswordPage(): Promise<PageView> {
  const area = new MessageArea()
  const fields = {
    email: textInput({
      id: 'email',
      name: 'email',
      label: 'Email address',
      hint: 'The address you sign in with.',
      type: 'email',
      autocomplete: 'username',
      spellcheck: false,
    }),
  }
  const answers = (): PasswordResetRequest => ({ email: fields.email.input.value.trim() })
  const container = h('div')
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Send link',
    check: () => {
      const { email } = answers()
      const errors: FormError[] = []
      if (!email) errors.push({ field: 'email', message: 'Enter your email address' })
      else if (!looksLikeEmail(email)) {
        errors.push({ field: 'email', message: emailFormatMessage })
      }
      return errors
    },
    send: async () => {
      const { email } = answers()
      await api.post<void>('/auth/password-reset', answers(), { signInOnUnauthenticated: false })
      showInPlace(container, linkSentView(email))
    },
    problemErrors: (problem) => {
      if (problem.status === 422) return formErrors(problem, fields, { email: emailFormatMessage })
      if (problem.status === 429) {
        return [{ field: '', message: `You have asked for too many links. ${waitWords(problem.retryAfterSeconds)}` }]
      }
      return null
    },
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading('Reset your password'),
      paragraph('Enter your email address and we will send you a link to choose a new password.'),
      form,
      paragraph(link('/sign-in', 'Go back to sign in')),
    ),
  )
  return { title: 'Reset your password', content: container }
}

function linkSentView(email: string): PageView {
  return checkYourEmail(
    paragraph(
      'If an account uses ',
      h('strong', { class: 'app-break-anywhere' }, email),
      `, we have sent a link to it to reset your password. The link works once, for ${linkLifetimes.passwordReset}.`,
    ),
    paragraph(
      'If the email does not arrive within a few minutes, check your spam folder and that you entered the address ' +
        'you sign in with, then ',
      link(accountPaths.passwordReset, 'ask for a new link'),
      '.',
    ),
    paragraph(link('/sign-in', 'Go back to sign in')),
  )
}
