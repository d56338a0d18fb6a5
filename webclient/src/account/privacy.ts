// The privacy notice, for everyone, signed in or not: what PSW Network holds about the people who use it, why, for
// how long (the periods this deployment is configured with, from the server), and how to download or delete it.

import * as api from '../api'
import { isSignedIn } from '../identity/session'
import { h } from '../shell/dom'
import { bulletList, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { signInPath } from '../shell/router'
import { count } from '../shell/words'
import type { Retention } from './types'
import { accountPaths, formerMember } from './words'
import { dataDownloadLink } from './your-data'

export async function privacyPage(): Promise<PageView> {
  const retention = await api.get<Retention>('/retention')
  return {
    title: 'How we use and keep your data',
    content: twoThirds(
      pageHeading('How we use and keep your data'),
      paragraph('PSW Network is the national collaboration service for England’s Principal Social Workers.'),
      h('h2', { class: 'govuk-heading-m' }, 'What we hold about you'),
      bulletList([
        'your account details: your name, email address, organisation, job title, sector, whether you are your ' +
          'organisation’s Principal Social Worker, and what people can ask you about',
        'what you write and share: discussions and posts, library resources and their files, consultation ' +
          'responses and workforce figures',
        'where you’re signed in: the device and browser, and the address you used',
        'your notifications, your notification settings and the emails we send you',
        'an audit log of what people do on PSW Network: who did what, when, and from which address',
      ]),
      paragraph(
        'PSW Network is not for information about the people who use your services. Do not write anything that ' +
          'could identify them.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'Why we hold it'),
      paragraph(
        'We hold it to run the network for Principal Social Workers: so that you can sign in, so that people can ' +
          'see who wrote or shared something, to send you the notifications and emails you choose, and to keep ' +
          'the network safe and find out what happened if something goes wrong.',
      ),
      h('h2', { class: 'govuk-heading-m' }, 'How long we keep it'),
      paragraph('While you have an account, we keep your details until you delete your account.'),
      paragraph(
        'When you delete your account, what you wrote or shared stays as the network’s record, shown as by ' +
          `“${formerMember('your organisation')}”.`,
      ),
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
          `${periodWords(retention.events_days)}, then remove it.`,
      ),
      h('h2', { class: 'govuk-heading-m' }, 'Your rights'),
      isSignedIn() ? yourRights() : signInForYourRights(),
    ),
  }
}

function yourRights(): HTMLElement[] {
  return [
    paragraph('You can:'),
    bulletList([
      [dataDownloadLink('download your data'), ': a ZIP file with everything we hold about you'],
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

/** "730 days (about 2 years)", "30 days (about 1 month)", "7 days". */
function periodWords(days: number): string {
  const exact = count(days, 'day', 'days')
  const months = Math.round(days / 30.4375)
  if (months >= 24) return `${exact} (about ${count(Math.round(months / 12), 'year', 'years')})`
  if (days >= 28) return `${exact} (about ${count(months, 'month', 'months')})`
  return exact
}
