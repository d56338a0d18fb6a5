// Deleting your account: the password proves it is you; your personal details go, what you wrote stays as the
// network's record under "A former member of <organisation>", and every session ends, this one too. The page says
// what is kept for a time (the audit log, live updates), with the periods this deployment is configured with.

import * as api from '../api'
import { refreshUser, signedOut } from '../identity/session'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { bulletList, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { currentPasswordErrors, currentPasswordField } from './current-password'
import { loadRetention, periodWords } from './retention'
import type { AccountDeletion, Retention } from './types'
import { accountPaths, formerMember } from './words'
import { dataDownloadLink } from './your-data'

export async function deleteAccountPage(): Promise<PageView> {
  // Read afresh: the organisation named below is the one the server will credit.
  const [me, retention] = await Promise.all([refreshUser(), loadRetention()])
  const credit = formerMember(me.organisation.name)
  const area = new MessageArea()
  const fields = {
    current_password: currentPasswordField('We need your password to check it is you.', 'Your password'),
  }
  const answers = (): AccountDeletion => ({ current_password: fields.current_password.input.value })
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Delete your account',
    submitVariant: 'warning',
    cancel: { href: accountPaths.account, text: 'Cancel' },
    check: () => {
      const errors: FormError[] = []
      if (!answers().current_password) errors.push({ field: 'current_password', message: 'Enter your password' })
      return errors
    },
    send: async () => {
      await api.post<void>('/me/deletion', answers())
      // The server has ended every session and cleared the cookie: this tab is signed out too.
      signedOut()
      navigate(accountPaths.accountDeleted, {
        replace: true,
        flash: `What you wrote or shared stays on PSW Network, by “${credit}”.`,
      })
    },
    problemErrors: (problem) =>
      currentPasswordErrors(problem, fields, { current_password: 'Your password is not correct' }),
  })

  return {
    title: 'Delete your account',
    content: twoThirds(
      area.element,
      pageHeading('Delete your account'),
      paragraph('If you delete your account, we remove:'),
      bulletList([
        'your name, email address, job title and what people can ask you about',
        'your password',
        'your notifications and notification settings',
        'the discussions you follow',
        'the emails waiting to be sent to you and the emails we sent you',
        'the browser and internet address recorded each time you signed in',
      ]),
      ...whatIsKept(retention),
      paragraph('You will be signed out on every device.'),
      paragraph(
        'What you wrote or shared stays on PSW Network as the network’s record: your discussions and posts, ' +
          `library resources, consultation responses and workforce figures. They will show as by “${credit}”.`,
      ),
      paragraph(
        'Before you delete your account, you may want to ',
        dataDownloadLink('download your data'),
        '. You will not be able to once your account has been deleted.',
      ),
      warningText('You cannot undo this.'),
      form,
    ),
  }
}

/** What stays for a time after the account goes: with the periods, or without them when they could not be read. */
function whatIsKept(retention: Retention | null): HTMLParagraphElement[] {
  const auditLog = retention ? `for ${periodWords(retention.audit_log_days)}` : 'for a set time'
  const events = retention ? `for ${periodWords(retention.events_days)}` : 'for a short time'
  return [
    paragraph(
      'The audit log keeps a record of what you did on PSW Network, including the internet address you used, ' +
        `${auditLog}. Live updates, which can carry your name as shown on your posts, are kept ${events}.`,
    ),
    paragraph('Find out more about ', link(accountPaths.privacy, 'how we use and keep your data'), '.'),
  ]
}
