// The privacy notice, for everyone, signed in or not: who runs PSW Network, what it holds about the people who use
// it, why, for how long (the periods this deployment is configured with, from the server), how to download or delete
// it, whom to ask and where to complain. When the periods cannot be read, the notice still shows, without numbers.

import { isSignedIn } from '../identity/session'
import { h } from '../shell/dom'
import { bulletList, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { signInPath } from '../shell/router'
import { loadRetention, periodWords } from './retention'
import type { Retention } from './types'
import { accountPaths, formerMember } from './words'
import { dataDownloadLink } from './your-data'

/** Where to complain about how personal data is used: the Information Commissioner's Office. */
const icoComplaints = 'https://ico.org.uk/make-a-complaint/'

export async function privacyPage(): Promise<PageView> {
  const retention = await loadRetention()
  return {
    title: 'How we use and keep your data',
    content: twoThirds(
      pageHeading('How we use and keep your data'),
      paragraph('PSW Network is the national collaboration service for England’s Principal Social Workers.'),
      h('h2', { class: 'govuk-heading-m' }, 'Who runs PSW Network'),
      paragraph('PSW Network is run for England’s Principal Social Workers by its network administrators.'),
      h('h2', { class: 'govuk-heading-m' }, 'What we hold about you'),
      bulletList([
        'your account details: your name, email address, organisation, job title, sector, whether you are your ' +
          'organisation’s Principal Social Worker, and what people can ask you about',
        'what you write and share: discussions and posts, library resources and their files, consultation ' +
          'responses and workforce figures',
        'the groups you belong to, and the groups you asked to join with your message',
        'where you’re signed in: the device and browser, and the address you used',
        'your notifications, your notification settings and the emails we send you',
        'an audit log of what people do on PSW Network: who did what, when, and from which address',
      ]),
      paragraph(
        'PSW Network is not for information about the people who use your services. Do not write anything that ' +
          'could identify them.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'Why we hold it'),
      paragraph('We hold your data to run the network and keep it secure. We hold only what we need to do that.'),
      paragraph(
        'We use it so that you can sign in, so that people can see who wrote or shared something, to send you the ' +
          'notifications and emails you choose, and to find out what happened if something goes wrong.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'How long we keep it'),
      paragraph('While you have an account, we keep your details until you delete your account.'),
      paragraph(
        'When you delete your account, what you wrote or shared stays as the network’s record, shown as by ' +
          `“${formerMember('your organisation')}”.`,
      ),
      ...retentionParagraphs(retention),
      h('h2', { class: 'govuk-heading-m' }, 'Your rights'),
      isSignedIn() ? yourRights() : signInForYourRights(),
      h('h2', { class: 'govuk-heading-m' }, 'Contact us'),
      paragraph(
        'If you have a question about your data, ask your organisation’s administrator for PSW Network or the ' +
          'network administrators.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'How to complain'),
      paragraph(
        'If you’re not happy with how we use your data, you can ',
        link(icoComplaints, 'complain to the Information Commissioner’s Office (ICO)'),
        '.',
      ),
    ),
  }
}

/** How long each record is kept: the configured periods, or the same words without them when they were not read. */
function retentionParagraphs(retention: Retention | null): HTMLParagraphElement[] {
  const liveUpdates = 'These updates can include the names shown on posts.'
  if (!retention) {
    return [
      paragraph('We could not find out how long this service is set up to keep its records. Try again later.'),
      paragraph(
        'We keep the audit log of what people do on PSW Network, including the address they used, for a set ' +
          'time, then remove it.',
      ),
      paragraph('When a library resource is deleted, we remove its files, straight away or after a short time.'),
      paragraph(
        'We keep the log of live updates, which lets your browser catch up on what it missed, for a short time, ' +
          `then remove it. ${liveUpdates}`,
      ),
    ]
  }
  return [
    paragraph(
      'We keep the audit log of what people do on PSW Network, including the address they used, for ' +
        `${periodWords(retention.audit_log_days)}, then remove it.`,
    ),
    paragraph(
      retention.deleted_files_days > 0
        ? `When a library resource is deleted, we keep its files for ${periodWords(retention.deleted_files_days)}, ` +
            'then remove them.'
        : 'When a library resource is deleted, we remove its files straight away.',
    ),
    paragraph(
      'We keep the log of live updates, which lets your browser catch up on what it missed, for ' +
        `${periodWords(retention.events_days)}, then remove it. ${liveUpdates}`,
    ),
  ]
}

function yourRights(): HTMLElement[] {
  return [
    paragraph('You can:'),
    bulletList([
      [dataDownloadLink('download your data'), ': everything we hold about you'],
      [link(accountPaths.deleteAccount, 'delete your account')],
    ]),
  ]
}

function signInForYourRights(): HTMLElement {
  return paragraph(
    'You can download your data and delete your account from “Your account”. ',
    link(signInPath(accountPaths.account), 'Sign in to go to your account'),
    '.',
  )
}
