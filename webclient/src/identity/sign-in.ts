// The sign-in page: a real form with named fields, so password managers fill it and paste works, and the way to
// reset a forgotten password. An account with two-factor on then gives a security code, and one that must set it up
// first adds an authenticator to an app and sees its recovery codes, each as a step in place of the one before, at
// the same address; the email address and password stay in memory only, to send again with the code.
// Below it, signing in with a council account (OpenID Connect): the service sends the browser to the council's
// sign-in, which comes back to the page the person wanted, signed in, or to this page with what went wrong.

import * as api from '../api'
import { h, replaceContent } from '../shell/dom'
import { type Field, passwordInput, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { leaveTo, navigate, replaceAddress, safeReturnPath } from '../shell/router'
import { isSignedIn, signIn } from './session'
import { authenticatorSteps, isProblemOfType, recoveryCodesView, secondStep, securityCodeForm } from './two-factor'
import type { AuthenticatorSetup, Credentials, SingleSignOnRedirect, SingleSignOnRequest } from './types'
import { emailFormatMessage, looksLikeEmail, waitWords } from './words'

const messages = {
  email: 'Enter your email address',
  password: 'Enter your password',
}

const wrongPassword: FormError = { field: 'email', message: 'Enter a correct email address and password' }

/** The problem types of council sign-in. */
const singleSignOn = {
  /** POST /auth/login: this person's organisation requires them to sign in with their council account. */
  required: '/problems/single-sign-on-required',
  /** POST /auth/single-sign-on: no identity provider serves this email address. */
  unavailable: '/problems/no-single-sign-on',
} as const

/**
 * Why council sign-in came back here (`/sign-in?single_sign_on=<reason>`) rather than to the page the person wanted.
 * Waiting for approval is not an error, and has its own banner.
 */
const singleSignOnFailures: ReadonlyMap<string, string> = new Map([
  ['cancelled', 'You cancelled signing in with your council account, or your council’s sign-in refused it.'],
  ['expired', 'Signing in with your council account took too long, or was started in another browser. Try again.'],
  [
    'failed',
    'Your council’s sign-in could not be checked. Try again, or contact your administrator if this keeps happening.',
  ],
  ['not-permitted', 'Your council’s sign-in cannot sign in people with this email address to PSW Network.'],
  ['disabled', 'This account has been disabled. Contact your organisation’s administrator.'],
])

const singleSignOnFailed =
  'Signing in with your council account did not work. Try again, or sign in with your email address and password.'

const awaitingApproval = {
  heading: 'We’ve asked your organisation’s administrators to approve your account',
  body: 'You’ll get an email when they have. Then you can sign in with your council account.',
}

/** One visit to the sign-in page: where it shows its steps, and where the user goes once signed in. */
interface SignInVisit {
  container: HTMLElement
  returnTo: string
}

/** The page's fields: the password form's, and the council sign-in's email address. */
type SignInFields = Readonly<Record<'email' | 'password' | 'council_email', Field & { input: HTMLInputElement }>>

export async function signInPage(context: PageContext): Promise<PageView | Redirect> {
  const returnTo = safeReturnPath(context.query.get('return_to'))
  if (isSignedIn()) return redirect(returnTo)

  const visit: SignInVisit = { container: h('div'), returnTo }
  const step = signInStep(visit)
  replaceContent(visit.container, step.view.content)
  if (context.flash) step.area.showBanner(step.fields, { heading: context.flash, success: true })
  const outcome = context.query.get('single_sign_on')
  if (outcome !== null) {
    showSingleSignOnOutcome(step, outcome)
    // Shown once: reloading the page, or following a link within it, does not show it again.
    const rest = new URLSearchParams(context.query)
    rest.delete('single_sign_on')
    const query = rest.toString()
    replaceAddress(query ? `/sign-in?${query}` : '/sign-in')
  }
  return { title: step.view.title, content: visit.container }
}

function showSingleSignOnOutcome(step: SignInStep, reason: string): void {
  if (reason === 'awaiting-approval') {
    step.area.showBanner(step.fields, awaitingApproval)
    return
  }
  step.area.showErrors(step.fields, [{ field: '', message: singleSignOnFailures.get(reason) ?? singleSignOnFailed }])
}

interface SignInStep {
  view: PageView
  area: MessageArea
  fields: SignInFields
}

/** The first step: the password form and, below it, signing in with a council account; one message area for both. */
function signInStep(visit: SignInVisit): SignInStep {
  const area = new MessageArea()
  const fields: SignInFields = {
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
    // Not "Email address" again: two fields with one name would be hard to tell apart by voice or screen reader.
    council_email: textInput({
      id: 'council-email',
      name: 'email',
      label: 'Your council email',
      hint: 'The address you use at work, like name@wiltshire.gov.uk',
      type: 'email',
      autocomplete: 'email',
      spellcheck: false,
    }),
  }
  const email = (): string => fields.email.input.value.trim()
  const form = apiForm({
    fields,
    content: [fields.email.element, fields.password.element],
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
    problemErrors: (problem) => signInErrors(problem, fields, email()),
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
        h('hr', { class: 'govuk-section-break govuk-section-break--l govuk-section-break--visible' }),
        h('h2', { class: 'govuk-heading-m', id: 'council-sign-in' }, 'Sign in with your council account'),
        paragraph(
          'If your council has set up its own sign-in for PSW Network, you can use your council account instead ' +
            'of a password.',
        ),
        councilSignInForm(visit, area, fields),
      ),
    },
    area,
    fields,
  }
}

/** Asks the service where the council's sign-in for this address is, and goes there. */
function councilSignInForm(visit: SignInVisit, area: MessageArea, fields: SignInFields): HTMLFormElement {
  const email = (): string => fields.council_email.input.value.trim()
  return apiForm({
    fields,
    content: fields.council_email.element,
    area,
    submitLabel: 'Continue to your council’s sign-in',
    submitVariant: 'secondary',
    check: () => {
      if (!email()) return [{ field: 'council_email', message: 'Enter your council email address' }]
      if (!looksLikeEmail(email())) return [{ field: 'council_email', message: emailFormatMessage }]
      return []
    },
    send: async () => {
      const request: SingleSignOnRequest = {
        email: email(),
        ...(visit.returnTo === '/' ? {} : { return_to: visit.returnTo }),
      }
      const answer = await api.post<SingleSignOnRedirect>('/auth/single-sign-on', request, {
        signInOnUnauthenticated: false,
      })
      leaveTo(answer.authorization_url)
    },
    problemErrors: (problem) => councilSignInErrors(problem, fields),
  })
}

function councilSignInErrors(problem: api.ApiProblem, fields: SignInFields): FormError[] | null {
  if (problem.type.endsWith(singleSignOn.unavailable)) {
    return [
      {
        field: 'council_email',
        message: 'There is no council sign-in for this email address. Sign in with your password instead.',
      },
    ]
  }
  if (problem.status === 422) {
    // The server names the address `email`, which on this page is the password form's: these are about this one.
    return formErrors(problem, { email: fields.council_email }, { email: emailFormatMessage }).map((error) =>
      error.field === 'email' ? { ...error, field: 'council_email' } : error,
    )
  }
  if (problem.status === 429) {
    return [{ field: '', message: `You have tried to sign in too many times. ${waitWords(problem.retryAfterSeconds)}` }]
  }
  return null
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
    const restart = signInStep(visit)
    showInPlace(visit.container, restart.view)
    restart.area.showErrors(restart.fields, signInErrors(error, restart.fields, credentials.email) ?? [wrongPassword])
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

/**
 * The errors for a refused sign-in. An organisation that requires council sign-in sends the person to the form
 * below, with the address they typed already in it.
 */
function signInErrors(problem: api.ApiProblem, fields: SignInFields, typedEmail: string): FormError[] | null {
  if (problem.type.endsWith(singleSignOn.required)) {
    fields.council_email.input.value = typedEmail
    return [
      {
        field: 'council_email',
        message: problem.detail || 'Your organisation requires you to sign in with your council account.',
      },
    ]
  }
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
