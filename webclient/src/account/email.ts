// Changing your email address: a link goes to the new address, and the address changes only once it is followed
// (confirm-email.ts), so nobody can move an account to an address they do not have.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import type { PageView } from '../shell/page'
import { currentPasswordErrors, currentPasswordField } from './current-password'
import { checkYourEmail } from './email-links'
import type { EmailChange } from './types'
import { accountPaths, emailFormatMessage, linkLifetimes, looksLikeEmail } from './words'

const sameAddressMessage = 'Enter an email address that is different from your current one'

export async function changeEmailPage(): Promise<PageView> {
  // Read afresh: the address may have been changed in another tab.
  const current = (await refreshUser()).email
  const area = new MessageArea()
  const fields = {
    email: textInput({
      id: 'email',
      name: 'email',
      label: 'New email address',
      hint: 'We will send a link to this address. Your address changes when you open the link.',
      type: 'email',
      autocomplete: 'email',
      spellcheck: false,
    }),
    current_password: currentPasswordField('We need your password to check it is you.'),
  }
  const isCurrent = (email: string): boolean => email.toLowerCase() === current.toLowerCase()
  const answers = (): EmailChange => ({
    email: fields.email.input.value.trim(),
    current_password: fields.current_password.input.value,
  })
  const container = h('div')
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Send confirmation link',
    cancel: { href: accountPaths.account, text: 'Cancel' },
    check: () => {
      const { email, current_password: password } = answers()
      const errors: FormError[] = []
      if (!email) errors.push({ field: 'email', message: 'Enter your new email address' })
      else if (!looksLikeEmail(email)) {
        errors.push({ field: 'email', message: emailFormatMessage })
      } else if (isCurrent(email)) {
        errors.push({ field: 'email', message: sameAddressMessage })
      }
      if (!password) errors.push({ field: 'current_password', message: 'Enter your current password' })
      return errors
    },
    send: async () => {
      const { email } = answers()
      await api.post<void>('/me/email', answers())
      showInPlace(container, linkSentView(email, current))
    },
    problemErrors: (problem) =>
      problem.status === 409
        ? [{ field: 'email', message: 'Another account already uses this email address' }]
        : currentPasswordErrors(problem, fields, {
            // The server refuses an address that is not one, or is already yours; the answer says which it is.
            email: isCurrent(answers().email) ? sameAddressMessage : emailFormatMessage,
          }),
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading('Change your email address'),
      paragraph(
        'Your email address is ',
        h('strong', { class: 'app-break-anywhere' }, current),
        '. You use it to sign in and we send emails to it.',
      ),
      form,
    ),
  )
  return { title: 'Change your email address', content: container }
}

function linkSentView(email: string, current: string): PageView {
  return checkYourEmail(
    paragraph('We have sent a link to ', h('strong', { class: 'app-break-anywhere' }, email), '.'),
    paragraph(
      `Open the link to confirm your new email address. It works for ${linkLifetimes.emailConfirmation}. Until ` +
        'then, keep signing in with ',
      h('strong', { class: 'app-break-anywhere' }, current),
      '.',
    ),
    paragraph(
      'If the email does not arrive within a few minutes, check your spam folder or ',
      link(accountPaths.email, 'send a new link'),
      '.',
    ),
    paragraph(link(accountPaths.account, 'Go back to your account')),
  )
}
