// "Where you're signed in": the user's sessions, most recently used first, each but this one with a button that
// signs it out, and signing out everywhere (this device too).

import * as api from '../api'
import { signedOut } from '../identity/session'
import { runAction } from '../shell/actions'
import { dateTimeWords, shortTimeElement } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, initComponents, link, pageHeading, paragraph, tag, twoThirds, visuallyHidden } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { scrollingTable } from '../shell/tables'
import { count } from '../shell/words'
import type { AccountSession, AccountSessionList } from './types'
import { accountPaths } from './words'

const sessionsPath = '/me/sessions'

export async function sessionsPage(): Promise<PageView> {
  const area = new MessageArea()
  const container = h('div')
  let sessions = (await api.get<AccountSessionList>(sessionsPath)).items

  const reload = async (): Promise<void> => {
    sessions = (await api.get<AccountSessionList>(sessionsPath)).items
    render()
  }

  const signOutOf = (session: AccountSession, control: HTMLButtonElement): void =>
    runAction(area, control, async () => {
      try {
        await api.del<void>(`${sessionsPath}/${session.id}`)
      } catch (error) {
        // Already ended (it timed out, or was signed out elsewhere): the list is what matters.
        if (!(error instanceof api.ApiProblem && error.status === 404)) throw error
      }
      await reload()
      area.showBanner({}, { success: true, heading: `You have signed out of ${session.device}` })
    })

  const actionFor = (session: AccountSession): HTMLElement | string => {
    if (session.current) return ''
    const control = button(['Sign out', visuallyHidden(` of ${session.device}, ${lastUsedWords(session)}`)], {
      type: 'button',
      variant: 'secondary',
      small: true,
    })
    control.addEventListener('click', () => signOutOf(session, control))
    return control
  }

  const render = (): void => {
    replaceContent(
      container,
      paragraph(`You are signed in on ${count(sessions.length, 'device or browser', 'devices or browsers')}.`),
      scrollingTable({
        caption: 'Where you’re signed in, most recently used first',
        captionHidden: true,
        firstCellIsHeader: true,
        columns: [
          { header: 'Device' },
          { header: 'Address' },
          { header: 'Signed in' },
          { header: 'Last used' },
          { header: 'Action' },
        ],
        rows: sessions.map((session) => [
          session.current ? [session.device, ' ', tag('This device', 'blue')] : session.device,
          session.client_address || 'Not known',
          shortTimeElement(session.created_at),
          shortTimeElement(session.last_seen_at),
          actionFor(session),
        ]),
      }),
    )
    if (container.isConnected) initComponents(container)
  }

  const everywhere = button('Sign out everywhere', { type: 'button', variant: 'warning' })
  everywhere.addEventListener('click', () =>
    runAction(area, everywhere, async () => {
      await api.del<void>(sessionsPath)
      signedOut()
      navigate('/sign-in', { replace: true, flash: 'You have been signed out everywhere' })
    }),
  )

  render()
  return {
    title: 'Where you’re signed in',
    content: h(
      'div',
      null,
      twoThirds(
        h('a', { class: 'govuk-back-link', href: accountPaths.account }, 'Back to your account'),
        area.element,
        pageHeading('Where you’re signed in'),
      ),
      container,
      twoThirds(
        h('h2', { class: 'govuk-heading-m' }, 'Sign out everywhere'),
        paragraph('This signs you out on every device, including this one.'),
        paragraph(
          'If you do not recognise a device, ',
          link(accountPaths.password, 'change your password'),
          ': that signs you out everywhere else too.',
        ),
        everywhere,
      ),
    ),
  }
}

function lastUsedWords(session: AccountSession): string {
  return `last used ${dateTimeWords(session.last_seen_at)}`
}
