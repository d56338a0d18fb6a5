// Accepting an invitation: the invited person chooses their name and password and is signed in.

import * as api from '../api'
import { dateWords } from '../shell/dates'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { passwordInput, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import { newPasswordHint, newPasswordProblem } from './passwords'
import { signedIn } from './session'
import { isProblemOfType, secondStep } from './two-factor'
import type { InvitationPreview, SignedIn } from './types'
import { roleList } from './words'

export async function invitationPage(context: PageContext): Promise<PageView> {
  const token = context.params['token'] ?? ''
  const path = `/invitations/${encodeURIComponent(token)}`
  let invitation: InvitationPreview
  try {
    invitation = await api.get<InvitationPreview>(path, undefined, { signInOnUnauthenticated: false })
  } catch (error) {
    if (error instanceof api.ApiProblem && error.status === 404) return invalidInvitationPage()
    if (error instanceof api.ApiProblem && error.status === 410) return usedInvitationPage()
    throw error
  }

  const area = new MessageArea()
  const fields = {
    email: textInput({
      id: 'email',
      name: 'email',
      label: 'Email address',
      hint: 'You will use this to sign in.',
      type: 'email',
      autocomplete: 'username',
      value: invitation.email,
      readOnly: true,
    }),
    display_name: textInput({
      id: 'display-name',
      name: 'display_name',
      label: 'Your name',
      hint: 'Other members of the network will see this.',
      autocomplete: 'name',
      spellcheck: false,
    }),
    password: passwordInput({
      id: 'password',
      name: 'password',
      label: 'Create a password',
      hint: newPasswordHint,
      autocomplete: 'new-password',
    }),
    confirmation: passwordInput({
      id: 'password-confirmation',
      name: 'password_confirmation',
      label: 'Confirm your password',
      autocomplete: 'new-password',
    }),
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Create account',
    check: () =>
      checkAnswers(
        fields.display_name.input.value.trim(),
        fields.password.input.value,
        fields.confirmation.input.value,
      ),
    send: async () => {
      const answers = { display_name: fields.display_name.input.value.trim(), password: fields.password.input.value }
      signedIn(await api.post<SignedIn>(`${path}/accept`, answers, { signInOnUnauthenticated: false }))
      navigate('/', { replace: true })
    },
    problemErrors: (problem) => {
      if (problem.status === 410)
        return [{ field: '', message: 'This invitation has expired or has already been used' }]
      // The account exists, but its role needs an authenticator app before its first session.
      if (isProblemOfType(problem, secondStep.setupRequired)) {
        return [{ field: '', message: 'Your account is ready. Sign in to set up two-factor authentication' }]
      }
      return null
    },
  })

  return {
    title: 'Join PSW Network',
    content: twoThirds(
      area.element,
      pageHeading('Join PSW Network'),
      paragraph(`You have been invited to join PSW Network for ${invitation.organisation.name}.`),
      summaryList([
        { key: 'Organisation', value: invitation.organisation.name },
        { key: 'Sector', value: sectorName(invitation.sector) },
        { key: 'Roles', value: roleList(invitation.roles) },
        { key: 'Invitation expires', value: dateWords(invitation.expires_at) },
      ]),
      h('h2', { class: 'govuk-heading-m' }, 'Create your account'),
      form,
    ),
  }
}

function checkAnswers(displayName: string, password: string, confirmation: string): FormError[] {
  const errors: FormError[] = []
  if (!displayName) errors.push({ field: 'display_name', message: 'Enter your name' })
  const passwordProblem = newPasswordProblem(password, 'Enter a password')
  if (passwordProblem) errors.push({ field: 'password', message: passwordProblem })
  if (password && confirmation !== password) {
    errors.push({ field: 'confirmation', message: 'Enter the same password in both fields' })
  }
  return errors
}

function invalidInvitationPage(): PageView {
  return messagePage(
    'Invitation not found',
    'This invitation link is not valid',
    paragraph('Check you copied the entire link from your invitation email.'),
    paragraph('If it still does not work, ask your organisation’s administrator to invite you again.'),
    paragraph('If you already have an account, ', link('/sign-in', 'sign in'), '.'),
  )
}

function usedInvitationPage(): PageView {
  return messagePage(
    'Invitation expired',
    'This invitation has expired or has already been used',
    paragraph('Invitations can be used once and last for 7 days.'),
    paragraph('Ask your organisation’s administrator to invite you again.'),
    paragraph('If you have already created your account, ', link('/sign-in', 'sign in'), '.'),
  )
}
