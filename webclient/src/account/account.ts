// "Your account": the signed-in user's own details, each with a Change link, whether two-factor authentication is on
// (and by when it must be), where to see the places they are signed in, choose their emails and subscribe to their
// meetings in a calendar, and their data: downloading it, deleting the account, and how it is kept.

import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { link, pageHeading, paragraph, twoThirds, visuallyHidden, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { type SummaryRow, summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import { loadTwoFactorStatus } from './two-factor'
import { accountPaths, pswRoleAnswer, twoFactorDeadline } from './words'
import { dataDownloadLink } from './your-data'

export async function accountPage(context: PageContext): Promise<PageView> {
  // Read afresh: the address may have been confirmed, or the details changed, in another tab.
  const [me, twoFactor] = await Promise.all([refreshUser(), loadTwoFactorStatus()])
  const deadline = twoFactorDeadline(twoFactor)
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })

  const change = (href: string, what: string): NonNullable<SummaryRow['action']> => ({
    href,
    text: 'Change',
    visuallyHiddenText: what,
  })
  return {
    title: 'Your account',
    content: twoThirds(
      area.element,
      pageHeading('Your account'),
      deadline && warningText(deadline),
      summaryList([
        { key: 'Name', value: me.display_name, action: change(accountPaths.profile, 'name') },
        { key: 'Job title', value: me.job_title || 'Not given', action: change(accountPaths.profile, 'job title') },
        { key: 'Sector', value: sectorName(me.sector), action: change(accountPaths.profile, 'sector') },
        {
          key: 'Principal Social Worker',
          value: pswRoleAnswer(me.principal_social_worker),
          action: change(accountPaths.profile, 'whether you are your organisation’s Principal Social Worker'),
        },
        {
          key: 'Ask me about',
          value: me.ask_me_about ? h('span', { class: 'app-line-breaks' }, me.ask_me_about) : 'Not given',
          action: change(accountPaths.profile, 'what to ask you about'),
        },
        {
          key: 'Listed on your organisation’s page',
          value: me.listed ? 'Yes' : 'No',
          action: change(accountPaths.profile, 'whether you are listed on your organisation’s page'),
        },
        { key: 'Organisation', value: me.organisation.name },
        { key: 'Email address', value: me.email, action: change(accountPaths.email, 'email address') },
        {
          key: 'Password',
          value: [h('span', { 'aria-hidden': 'true' }, '••••••••••••'), visuallyHidden('Not shown')],
          action: change(accountPaths.password, 'password'),
        },
        {
          key: 'Two-factor authentication',
          value: twoFactor.enabled ? 'On' : 'Off',
          action: {
            href: accountPaths.twoFactor,
            text: twoFactor.enabled ? 'Manage' : 'Set up',
            visuallyHiddenText: 'two-factor authentication',
          },
        },
      ]),
      h('h2', { class: 'govuk-heading-m' }, 'Where you’re signed in'),
      paragraph('See the devices you are signed in on, and sign out of any you do not use or do not recognise.'),
      paragraph(link(accountPaths.sessions, 'See where you’re signed in')),
      h('h2', { class: 'govuk-heading-m' }, 'Emails'),
      paragraph(link('/settings/notifications', 'Change your notification settings')),
      h('h2', { class: 'govuk-heading-m' }, 'Calendar'),
      paragraph('Subscribe to the meetings of your groups in Outlook or another calendar.'),
      paragraph(link(accountPaths.calendarFeed, 'Set up your calendar feed')),
      h('h2', { class: 'govuk-heading-m' }, 'Your data'),
      paragraph(
        'You can download a copy of everything PSW Network holds about you. It is a ZIP file with your details, ' +
          'what you wrote and the files you uploaded.',
      ),
      paragraph(dataDownloadLink('Download your data')),
      paragraph(link(accountPaths.deleteAccount, 'Delete your account')),
      paragraph(link(accountPaths.privacy, 'How we use and keep your data')),
    ),
  }
}
