// The sign-in page: a real form with named fields, so password managers fill it and paste works, and the way to
// reset a forgotten password.

import type { ApiProblem } from '../api'
import { type Field, passwordInput, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate, safeReturnPath } from '../shell/router'
import { isSignedIn, signIn } from './session'
import { waitWords } from './words'

const messages = {
  email: 'Enter your email address',
  password: 'Enter your password',
}

export async function signInPage(context: PageContext): Promise<PageView | Redirect> {
  const returnTo = safeReturnPath(context.query.get('return_to'))
  if (isSignedIn()) return redirect(returnTo)

  const area = new MessageArea()
  const fields = {
    email: textInput({
      id: 'email',
      name: 'email',
      label: 'Email address',
      type: 'email',
      autocomplete: 'username',
      spellcheck: false,
    }),
    password: passwordInput({
      id: 'password',
      name: 'password',
      label: 'Password',
      autocomplete: 'current-password',
    }),
  }
  const email = (): string => fields.email.input.value.trim()
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Sign in',
    check: () => {
      const missing: FormError[] = []
      if (!email()) missing.push({ field: 'email', message: messages.email })
      if (!fields.password.input.value) missing.push({ field: 'password', message: messages.password })
      return missing
    },
    send: async () => {
      try {
        await signIn(email(), fields.password.input.value)
      } catch (error) {
        fields.password.input.value = ''
        throw error
      }
      navigate(returnTo, { replace: true })
    },
    problemErrors: (problem) => signInErrors(problem, fields),
  })

  if (context.flash) area.showBanner(fields, { heading: context.flash, success: true })

  return {
    title: 'Sign in',
    content: twoThirds(
      area.element,
      pageHeading('Sign in to PSW Network'),
      paragraph('Use the email address your invitation was sent to.'),
      form,
      paragraph(link('/password-reset', 'Forgotten your password?')),
    ),
  }
}

function signInErrors(problem: ApiProblem, fields: Readonly<Record<string, Field>>): FormError[] | null {
  switch (problem.status) {
    case 401:
      return [{ field: 'email', message: 'Enter a correct email address and password' }]
    case 422:
      return formErrors(problem, fields, messages)
    case 429:
      return [
        { field: '', message: `You have tried to sign in too many times. ${waitWords(problem.retryAfterSeconds)}` },
      ]
    default:
      return null
  }
}
