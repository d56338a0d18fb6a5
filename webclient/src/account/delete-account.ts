// Deleting your account: the password proves it is you; your personal details go, what you wrote stays as the
// network's record under "A former member of <organisation>", and every session ends, this one too.

import * as api from '../api'
import { refreshUser, signedOut } from '../identity/session'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { bulletList, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { currentPasswordErrors, currentPasswordField } from './current-password'
import type { AccountDeletion } from './types'
import { accountPaths, formerMember } from './words'
import { dataDownloadLink } from './your-data'

export async function deleteAccountPage(): Promise<PageView> {
  // Read afresh: the organisation named below is the one the server will credit.
  const me = await refreshUser()
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
        'your notifications, notification settings, the discussions you follow and the emails we sent you',
        'the devices and addresses you signed in from',
      ]),
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
