// Changing your password: the current one proves it is you; every other session ends, this one stays.

import * as api from '../api'
import { newPasswordHint, newPasswordProblem } from '../identity/passwords'
import { passwordInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { currentPasswordErrors, currentPasswordField } from './current-password'
import type { PasswordChange } from './types'
import { accountPaths } from './words'

export async function changePasswordPage(): Promise<PageView> {
  const area = new MessageArea()
  const fields = {
    current_password: currentPasswordField(),
    new_password: passwordInput({
      id: 'new-password',
      name: 'new_password',
      label: 'New password',
      hint: newPasswordHint,
      autocomplete: 'new-password',
    }),
  }
  const answers = (): PasswordChange => ({
    current_password: fields.current_password.input.value,
    new_password: fields.new_password.input.value,
  })
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Change password',
    cancel: { href: accountPaths.account, text: 'Cancel' },
    check: () => {
      const { current_password: current, new_password: chosen } = answers()
      const errors: FormError[] = []
      if (!current) errors.push({ field: 'current_password', message: 'Enter your current password' })
      const problem = newPasswordProblem(chosen, 'Enter a new password')
      if (problem) errors.push({ field: 'new_password', message: problem })
      else if (chosen === current) {
        errors.push({ field: 'new_password', message: 'Enter a new password that is different from your current one' })
      }
      return errors
    },
    send: async () => {
      await api.post<void>('/me/password', answers())
      navigate(accountPaths.account, {
        flash: 'Your password has been changed. You have been signed out everywhere else.',
      })
    },
    problemErrors: (problem) => currentPasswordErrors(problem, fields),
  })

  return {
    title: 'Change your password',
    content: twoThirds(
      area.element,
      pageHeading('Change your password'),
      paragraph('When you change your password, you will be signed out on every other device.'),
      form,
    ),
  }
}
