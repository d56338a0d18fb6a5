// Turning off two-factor authentication: the password proves it is you; the authenticator and the recovery codes
// stop working. When your role or organisation requires it, the page says so instead of offering to.

import * as api from '../api'
import { currentUser } from '../identity/session'
import { MessageArea } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { currentPasswordForm } from './current-password'
import { loadTwoFactorStatus } from './two-factor'
import { accountPaths, twoFactorRequirement } from './words'

const title = 'Turn off two-factor authentication'

export async function turnOffTwoFactorPage(): Promise<PageView | Redirect> {
  const status = await loadTwoFactorStatus()
  if (!status.enabled) return redirect(accountPaths.twoFactor)
  const requirement = twoFactorRequirement(status, currentUser()?.organisation.name ?? 'Your organisation')
  if (requirement) {
    return {
      title,
      content: twoThirds(
        pageHeading('You cannot turn off two-factor authentication'),
        paragraph(requirement),
        paragraph(link(accountPaths.twoFactor, 'Go back to two-factor authentication')),
      ),
    }
  }

  const area = new MessageArea()
  const form = currentPasswordForm({
    area,
    submitLabel: title,
    submitVariant: 'warning',
    cancel: { href: accountPaths.twoFactor, text: 'Cancel' },
    send: async (answers) => {
      await api.post<void>('/me/two-factor/removal', answers)
      navigate(accountPaths.twoFactor, { replace: true, flash: 'Two-factor authentication is off' })
    },
    // Required since the page was shown: the server says by what.
    otherProblemErrors: (problem) =>
      problem.status === 403
        ? [{ field: '', message: problem.detail || 'You cannot turn off two-factor authentication' }]
        : null,
  })
  return {
    title,
    content: twoThirds(
      area.element,
      pageHeading(title),
      paragraph(
        'You will sign in with only your email address and password. Your authenticator app and your recovery ' +
          'codes will stop working for PSW Network.',
      ),
      paragraph('You can turn it on again at any time.'),
      form,
    ),
  }
}
