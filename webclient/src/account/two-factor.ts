// Two-factor authentication for your own account. Off: what it is and, once your password proves it is you, a new
// authenticator to add to an app, then a code from it turns it on and the recovery codes are shown once. On: since
// when and how many recovery codes are left, with the ways to get new ones and, unless your role or organisation
// requires it, to turn it off.

import * as api from '../api'
import { currentUser } from '../identity/session'
import { authenticatorSteps, recoveryCodesView, securityCodeForm } from '../identity/two-factor'
import type { AuthenticatorSetup, RecoveryCodes } from '../identity/types'
import { dateWords } from '../shell/dates'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import { count } from '../shell/words'
import { currentPasswordForm } from './current-password'
import type { TwoFactorStatus } from './types'
import { accountPaths, twoFactorDeadline, twoFactorRequirement } from './words'

const title = 'Two-factor authentication'

/** GET /me/two-factor. */
export function loadTwoFactorStatus(): Promise<TwoFactorStatus> {
  return api.get<TwoFactorStatus>('/me/two-factor')
}

export async function twoFactorPage(context: PageContext): Promise<PageView> {
  const status = await loadTwoFactorStatus()
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })
  return status.enabled ? onView(status, area) : offView(status, area)
}

function requirementText(status: TwoFactorStatus): string | null {
  return twoFactorRequirement(status, currentUser()?.organisation.name ?? 'Your organisation')
}

function onView(status: TwoFactorStatus, area: MessageArea): PageView {
  const requirement = requirementText(status)
  const left = status.recovery_codes_left
  return {
    title,
    content: twoThirds(
      area.element,
      pageHeading(title),
      summaryList([
        { key: 'Status', value: 'On' },
        ...(status.enabled_at ? [{ key: 'Turned on', value: dateWords(status.enabled_at) }] : []),
        { key: 'Recovery codes left', value: String(left) },
      ]),
      paragraph('Each time you sign in, you enter your password and then a security code from your authenticator app.'),
      h('h2', { class: 'govuk-heading-m' }, 'Recovery codes'),
      paragraph(
        'If you cannot use your authenticator app, you can sign in with a recovery code instead. Each code works ' +
          'once. When you get new codes, the old ones stop working.',
      ),
      left <= 3 &&
        warningText(
          left === 0
            ? 'You have no recovery codes left. Get new ones in case you cannot use your app.'
            : `You have only ${count(left, 'recovery code', 'recovery codes')} left. Get new ones in case you ` +
                'cannot use your app.',
        ),
      buttonLink(accountPaths.recoveryCodes, 'Get new recovery codes', 'secondary'),
      h('h2', { class: 'govuk-heading-m' }, 'Turn off two-factor authentication'),
      requirement
        ? paragraph(`You cannot turn off two-factor authentication. ${requirement}`)
        : [
            paragraph('If you turn it off, you will sign in with only your email address and password.'),
            paragraph(link(accountPaths.turnOffTwoFactor, 'Turn off two-factor authentication')),
          ],
    ),
  }
}

function offView(status: TwoFactorStatus, area: MessageArea): PageView {
  const deadline = twoFactorDeadline(status)
  const requirement = requirementText(status)
  const container = h('div')
  const form = currentPasswordForm({
    area,
    submitLabel: 'Continue',
    send: async (answers) => {
      let setup: AuthenticatorSetup
      try {
        setup = await api.post<AuthenticatorSetup>('/me/two-factor/setup', answers)
      } catch (error) {
        // Turned on in another tab meanwhile: show it as it is.
        if (!(error instanceof api.ApiProblem && error.status === 409)) throw error
        navigate(accountPaths.twoFactor, { replace: true })
        return
      }
      showInPlace(container, await setupView(container, setup))
    },
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading(title),
      summaryList([{ key: 'Status', value: 'Off' }]),
      deadline && warningText(deadline),
      requirement && paragraph(requirement),
      paragraph(
        'Two-factor authentication keeps your account safe even if someone learns your password. Each time you ' +
          'sign in, you enter your password and then a security code from an authenticator app on your phone, ' +
          'tablet or computer.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'Set up two-factor authentication'),
      paragraph('You need an authenticator app. You can use any authenticator app.'),
      form,
    ),
  )
  return { title, content: container }
}

async function setupView(container: HTMLElement, setup: AuthenticatorSetup): Promise<PageView> {
  const area = new MessageArea()
  const form = securityCodeForm({
    label: 'Security code',
    hint: 'The 6-digit code your authenticator app shows for PSW Network.',
    acceptsRecoveryCode: false,
    area,
    submitLabel: 'Turn on two-factor authentication',
    cancel: { href: accountPaths.twoFactor, text: 'Cancel' },
    send: async (code) => {
      const answer = await api.post<RecoveryCodes>('/me/two-factor', { code })
      showInPlace(
        container,
        recoveryCodesView({
          heading: 'Two-factor authentication is on',
          codes: answer.recovery_codes,
          onContinue: () => navigate(accountPaths.twoFactor, { replace: true }),
        }),
      )
    },
  })
  return {
    title: 'Set up an authenticator app',
    content: twoThirds(
      area.element,
      pageHeading('Set up an authenticator app'),
      ...(await authenticatorSteps(setup)),
      form,
    ),
  }
}
