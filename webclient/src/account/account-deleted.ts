// The confirmation after deleting an account: the person is signed out by then, so the page needs no sign-in.

import { link, paragraph, twoThirds } from '../shell/govuk'
import { confirmationPanel } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'

export async function accountDeletedPage(context: PageContext): Promise<PageView> {
  return {
    title: 'Account deleted',
    content: twoThirds(
      confirmationPanel('Your account has been deleted', 'You have been signed out on every device.'),
      // The deleting page names the organisation; after a reload it is no longer known.
      paragraph(
        context.flash ?? 'What you wrote or shared stays on PSW Network, by “A former member” of your organisation.',
      ),
      paragraph('We have removed your name, email address and the other details of your account.'),
      paragraph(link('/', 'Go to the PSW Network home page')),
    ),
  }
}
