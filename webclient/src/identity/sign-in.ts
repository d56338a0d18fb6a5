// The sign-in page: a real form with named fields, so password managers fill it and paste works, and the way to
// reset a forgotten password. An account with two-factor on then gives a security code, and one that must set it up
// first adds an authenticator to an app and sees its recovery codes, each as a step in place of the one before, at
// the same address; the email address and password stay in memory only, to send again with the code.

import * as api from '../api'
import { h, replaceContent } from '../shell/dom'
import { type Field, passwordInput, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate, safeReturnPath } from '../shell/router'
import { isSignedIn, signIn } from './session'
import { authenticatorSteps, isProblemOfType, recoveryCodesView, secondStep, securityCodeForm } from './two-factor'
import type { AuthenticatorSetup, Credentials } from './types'
import { waitWords } from './words'

const messages = {
  email: 'Enter your email address',
  password: 'Enter your password',
}

const wrongPassword: FormError = { field: 'email', message: 'Enter a correct email address and password' }

/** One visit to the sign-in page: where it shows its steps, and where the user goes once signed in. */
interface SignInVisit {
  container: HTMLElement
  returnTo: string
}

export async function signInPage(context: PageContext): Promise<PageView | Redirect> {
  const returnTo = safeReturnPath(context.query.get('return_to'))
  if (isSignedIn()) return redirect(returnTo)

  const visit: SignInVisit = { container: h('div'), returnTo }
  const step = passwordStep(visit)
  replaceContent(visit.container, step.view.content)
  if (context.flash) step.area.showBanner(step.fields, { heading: context.flash, success: true })
  return { title: step.view.title, content: visit.container }
}

function passwordStep(visit: SignInVisit): {
  view: PageView
  area: MessageArea
  fields: Readonly<Record<string, Field>>
} {
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
        await attempt(visit, { email: email(), password: fields.password.input.value })
      } catch (error) {
        fields.password.input.value = ''
        throw error
      }
    },
    problemErrors: (problem) => signInErrors(problem, fields),
  })

  return {
    view: {
      title: 'Sign in',
      content: twoThirds(
        area.element,
        pageHeading('Sign in to PSW Network'),
        paragraph('Use the email address your invitation was sent to.'),
        form,
        paragraph(link('/password-reset', 'Forgotten your password?')),
      ),
    },
    area,
    fields,
  }
}

/**
 * Sends the credentials and goes on: to the page the user came for, to the recovery codes when this sign-in turned
 * two-factor on, or to the second step the server asks for. A problem that is not a new step is thrown, for the
 * form to show.
 */
async function attempt(visit: SignInVisit, credentials: Credentials): Promise<void> {
  try {
    const answer = await signIn(credentials)
    const codes = answer.recovery_codes ?? []
    if (codes.length === 0) {
      navigate(visit.returnTo, { replace: true })
      return
    }
    showInPlace(
      visit.container,
      recoveryCodesView({
        heading: 'Two-factor authentication is on',
        codes,
        onContinue: () => navigate(visit.returnTo, { replace: true }),
      }),
    )
  } catch (error) {
    // With a code sent, these answers mean the code was wrong: the step that asked for it says so.
    if (credentials.code !== undefined) throw error
    if (isProblemOfType(error, secondStep.codeRequired)) {
      showInPlace(visit.container, codeStep(visit, credentials))
    } else if (isProblemOfType(error, secondStep.setupRequired)) {
      const setup = await api.post<AuthenticatorSetup>(
        '/auth/two-factor-setup',
        { email: credentials.email, password: credentials.password },
        { signInOnUnauthenticated: false },
      )
      showInPlace(visit.container, await setupStep(visit, credentials, setup))
    } else {
      throw error
    }
  }
}

/**
 * Sends the credentials again with a security code. When the server no longer takes the password (changed in the
 * meantime) the user starts again at the first step, which says why.
 */
async function attemptWithCode(visit: SignInVisit, credentials: Credentials): Promise<void> {
  try {
    await attempt(visit, credentials)
  } catch (error) {
    const passwordRefused =
      error instanceof api.ApiProblem &&
      error.status === 401 &&
      !isProblemOfType(error, secondStep.codeRequired) &&
      !isProblemOfType(error, secondStep.setupRequired)
    if (!passwordRefused) throw error
    const restart = passwordStep(visit)
    showInPlace(visit.container, restart.view)
    restart.area.showErrors(restart.fields, [wrongPassword])
  }
}

function codeStep(visit: SignInVisit, credentials: Credentials): PageView {
  const area = new MessageArea()
  const form = securityCodeForm({
    label: 'Enter the security code from your authenticator app',
    labelIsHeading: true,
    hint:
      'Open your authenticator app and enter the 6-digit code it shows for PSW Network. If you cannot use your ' +
      'app, enter one of your recovery codes.',
    acceptsRecoveryCode: true,
    area,
    submitLabel: 'Continue',
    send: (code) => attemptWithCode(visit, { ...credentials, code }),
    otherProblemErrors: (problem) =>
      isProblemOfType(problem, secondStep.codeRequired)
        ? [{ field: 'code', message: 'Enter the security code' }]
        : null,
  })
  return {
    title: 'Enter the security code from your authenticator app',
    content: twoThirds(area.element, form, paragraph(link('/sign-in', 'Sign in with a different account'))),
  }
}

async function setupStep(visit: SignInVisit, credentials: Credentials, setup: AuthenticatorSetup): Promise<PageView> {
  const area = new MessageArea()
  const form = securityCodeForm({
    label: 'Security code',
    hint: 'The 6-digit code your authenticator app shows for PSW Network.',
    acceptsRecoveryCode: false,
    area,
    submitLabel: 'Continue',
    send: (code) => attemptWithCode(visit, { ...credentials, code }),
  })
  return {
    title: 'Set up an authenticator app',
    content: twoThirds(
      area.element,
      pageHeading('Set up an authenticator app'),
      paragraph(
        'Your account must use two-factor authentication. Each time you sign in, you will enter your password and ' +
          'then a security code from an authenticator app.',
      ),
      ...(await authenticatorSteps(setup)),
      form,
    ),
  }
}

function signInErrors(problem: api.ApiProblem, fields: Readonly<Record<string, Field>>): FormError[] | null {
  switch (problem.status) {
    case 401:
      return [wrongPassword]
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
