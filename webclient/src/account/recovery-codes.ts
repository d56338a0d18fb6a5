// New recovery codes for an account with two-factor on: the password proves it is you, the old codes stop working
// and the new ones are shown once, in place of the form.

import * as api from '../api'
import { recoveryCodesView } from '../identity/two-factor'
import type { RecoveryCodes } from '../identity/types'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { showInPlace } from '../shell/in-place'
import { type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { currentPasswordForm } from './current-password'
import { loadTwoFactorStatus } from './two-factor'
import { accountPaths } from './words'

const title = 'Get new recovery codes'

export async function recoveryCodesPage(): Promise<PageView | Redirect> {
  if (!(await loadTwoFactorStatus()).enabled) return redirect(accountPaths.twoFactor)
  const area = new MessageArea()
  const container = h('div')
  const form = currentPasswordForm({
    area,
    submitLabel: title,
    cancel: { href: accountPaths.twoFactor, text: 'Cancel' },
    send: async (answers) => {
      const answer = await api.post<RecoveryCodes>('/me/two-factor/recovery-codes', answers)
      showInPlace(
        container,
        recoveryCodesView({
          heading: 'You have new recovery codes',
          codes: answer.recovery_codes,
          onContinue: () => navigate(accountPaths.twoFactor, { replace: true }),
        }),
      )
    },
  })
  container.append(
    twoThirds(
      area.element,
      pageHeading(title),
      paragraph('You will get 10 new recovery codes. Your old recovery codes will stop working.'),
      form,
    ),
  )
  return { title, content: container }
}
