// People who may have left an organisation, for its administrators: members who signed in with their council account
// but have stopped (for the server's lapse_days) or whom their council's sign-in refused since. Disabling one's
// account is the members list's own action (see members.ts), handed in here.

import * as api from '../api'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { button, initComponents, paragraph, visuallyHidden } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import { count } from '../shell/words'
import { currentUser } from './session'
import type { OrganisationSummary, PossibleLeaver, PossibleLeaverList } from './types'

const headingId = 'possible-leavers'

/** Disables a leaver's account; resolves with whether it was disabled (the outcome is shown either way). */
export type DisableAccount = (leaver: PossibleLeaver) => Promise<boolean>

/** Why they may have left: the refusal when their council's sign-in refused them, otherwise their last sign-in. */
function leavingReason(leaver: PossibleLeaver): string {
  return leaver.refused_at
    ? `${leaver.provider_name}’s sign-in refused them on ${dateWords(leaver.refused_at)}`
    : `Last signed in with ${leaver.provider_name} on ${dateWords(leaver.last_signed_in_at)}`
}

/**
 * The "People who may have left" part of the members section, or null when there is nobody; loads the list before
 * returning. Someone whose account is disabled from here leaves the list, and the part goes once it is empty.
 */
export async function possibleLeaversPart(
  organisation: OrganisationSummary,
  disable: DisableAccount,
): Promise<HTMLElement | null> {
  const list = await api.get<PossibleLeaverList>(`/organisations/${organisation.id}/possible-leavers`)
  if (list.items.length === 0) return null
  // Someone linked to two councils' sign-ins is listed once for each.
  let leavers = list.items
  const lapse = count(list.lapse_days, 'day', 'days')
  const container = h('div')

  const actionFor = (leaver: PossibleLeaver): HTMLElement => {
    if (leaver.user_id === currentUser()?.id) return h('span', null, 'This is you')
    const control = button(['Disable ', visuallyHidden(`${leaver.display_name}’s `), 'account'], {
      type: 'button',
      variant: 'warning',
      small: true,
    })
    control.addEventListener('click', () => {
      control.disabled = true
      disable(leaver)
        .then((disabled) => {
          if (!disabled) {
            control.disabled = false
            return
          }
          leavers = leavers.filter((other) => other.user_id !== leaver.user_id)
          render()
        })
        .catch((error: unknown) => {
          console.error(error)
          control.disabled = false
        })
    })
    return control
  }

  const render = (): void => {
    if (leavers.length === 0) {
      replaceContent(container)
      return
    }
    replaceContent(
      container,
      h('h2', { class: 'govuk-heading-m', id: headingId }, 'People who may have left'),
      paragraph(
        `These members signed in with their council account but have not done so for ${lapse}, or their ` +
          `council’s sign-in refused them: if they have left ${organisation.name}, disable their account.`,
      ),
      scrollingTable({
        caption: `People who may have left ${organisation.name}`,
        captionHidden: true,
        firstCellIsHeader: true,
        columns: [{ header: 'Name' }, { header: 'Email address' }, { header: 'Why' }, { header: 'Action' }],
        rows: leavers.map((leaver) => [leaver.display_name, leaver.email, leavingReason(leaver), actionFor(leaver)]),
      }),
    )
    if (container.isConnected) initComponents(container)
  }

  render()
  return container
}
