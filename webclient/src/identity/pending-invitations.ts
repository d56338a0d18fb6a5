// An organisation's pending invitations, for its administrators: who was invited, to do what and until when;
// sending an invitation again with a new link, and withdrawing one after asking on a page of its own.

import * as api from '../api'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import {
  button,
  buttonLink,
  caption,
  initComponents,
  link,
  pageHeading,
  paragraph,
  tag,
  twoThirds,
  visuallyHidden,
} from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { scrollingTable, summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import { mayGrant } from './session'
import type { Invitation, OrganisationSummary } from './types'
import { roleList } from './words'

const headingId = 'pending-invitations'

/** The organisation page, scrolled to its pending invitations. */
export function pendingInvitationsPath(organisationId: number): string {
  return `/organisations/${organisationId}#${headingId}`
}

function withdrawPath(invitation: Invitation): string {
  return `/organisations/${invitation.organisation_id}/invitations/${invitation.id}/withdraw`
}

function invitationsApiPath(organisationId: number): string {
  return `/organisations/${organisationId}/invitations`
}

/** Pending invitations include expired ones, so that they can be sent again. */
function isExpired(invitation: Invitation, now: number): boolean {
  return Date.parse(invitation.expires_at) <= now
}

const serviceProblem = 'Sorry, there is a problem with the service. Try again later.'

/** What to tell an administrator when sending again or withdrawing did not work. */
function invitationProblem(error: unknown): string {
  if (!(error instanceof api.ApiProblem) || error.isServiceFailure) {
    console.error(error)
    return serviceProblem
  }
  if (error.status === 403) return 'Only network administrators can change an invitation to those roles.'
  // 404: no longer pending here (the list is read again); 409: accepted or withdrawn meanwhile.
  if (error.status === 404 || error.status === 409) return 'This invitation has already been accepted or withdrawn.'
  return error.detail || error.title
}

export interface PendingInvitations {
  readonly element: HTMLElement
  /** Reads the list again, after someone was invited. */
  reload(): Promise<void>
}

/**
 * Builds the "Pending invitations" part of the members section; loads the list before returning. Outcomes are shown
 * in `area`, the members section's message area.
 */
export async function pendingInvitations(
  organisation: OrganisationSummary,
  area: MessageArea,
): Promise<PendingInvitations> {
  const path = invitationsApiPath(organisation.id)
  let invitations: Invitation[] = []
  const container = h('div')

  const reload = async (): Promise<void> => {
    invitations = (await api.get<api.ListPage<Invitation>>(path)).items
    render()
  }

  const sendAgain = async (invitation: Invitation): Promise<void> => {
    try {
      const renewed = await api.post<Invitation>(`${path}/${invitation.id}/resend`, {})
      invitations = invitations.map((known) => (known.id === renewed.id ? renewed : known))
      render()
      area.showBanner(
        {},
        {
          success: true,
          heading: `Invitation sent again to ${renewed.email}`,
          body: `The new link works once, until ${dateWords(renewed.expires_at)}. The link sent before no longer works.`,
        },
      )
    } catch (error) {
      area.showErrors({}, [{ field: '', message: invitationProblem(error) }])
      const gone = error instanceof api.ApiProblem && (error.status === 404 || error.status === 409)
      if (gone) await reload().catch((failure: unknown) => console.error(failure))
      else render()
    }
  }

  const actionsFor = (invitation: Invitation): HTMLElement => {
    if (!mayGrant(invitation.roles)) return h('span', null, 'Only network administrators can change this invitation')
    const again = button(['Send again', visuallyHidden(` to ${invitation.email}`)], {
      type: 'button',
      variant: 'secondary',
      small: true,
    })
    again.addEventListener('click', () => {
      again.disabled = true
      void sendAgain(invitation)
    })
    const withdraw = buttonLink(
      withdrawPath(invitation),
      ['Withdraw', visuallyHidden(` invitation to ${invitation.email}`)],
      'warning',
    )
    withdraw.classList.add('govuk-button--small')
    return h('div', { class: 'govuk-button-group' }, again, withdraw)
  }

  const render = (): void => {
    const now = Date.now()
    replaceContent(
      container,
      invitations.length === 0
        ? paragraph('No pending invitations.')
        : scrollingTable({
            caption: `Pending invitations to ${organisation.name}`,
            captionHidden: true,
            firstCellIsHeader: true,
            columns: [
              { header: 'Email address' },
              { header: 'Roles' },
              { header: 'Sector' },
              { header: 'Sent' },
              { header: 'Expires' },
              { header: 'Actions' },
            ],
            rows: invitations.map((invitation) => [
              invitation.email,
              roleList(invitation.roles),
              sectorName(invitation.sector),
              dateWords(invitation.created_at),
              isExpired(invitation, now) ? tag('Expired', 'grey') : dateWords(invitation.expires_at),
              actionsFor(invitation),
            ]),
          }),
    )
    if (container.isConnected) initComponents(container)
  }

  await reload()
  return {
    element: h(
      'div',
      null,
      h('h2', { class: 'govuk-heading-m', id: headingId }, 'Pending invitations'),
      paragraph(
        'People invited who have not created their account yet. A link works for 7 days; sending the invitation ' +
          'again makes a new link and the old one stops working.',
      ),
      container,
    ),
    reload,
  }
}

/** Withdrawing an invitation, after asking: its link stops working and it leaves the pending list. */
export async function withdrawInvitationPage(context: PageContext): Promise<PageView> {
  const organisationId = Number(context.params['id'])
  const invitationId = Number(context.params['invitation'])
  const path = invitationsApiPath(organisationId)
  const [organisation, pending] = await Promise.all([
    api.get<OrganisationSummary>(`/organisations/${organisationId}`),
    api.get<api.ListPage<Invitation>>(path),
  ])
  const back = pendingInvitationsPath(organisationId)
  const invitation = pending.items.find((item) => item.id === invitationId)
  if (!invitation) {
    return messagePage(
      'Invitation not pending',
      'This invitation is no longer pending',
      paragraph('It has been accepted or withdrawn already.'),
      paragraph(link(back, `See the pending invitations to ${organisation.name}`)),
    )
  }

  const area = new MessageArea()
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Withdraw invitation',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Cancel' },
    check: () => [],
    send: async () => {
      await api.del<void>(`${path}/${invitation.id}`)
      navigate(back, { replace: true, flash: `Invitation to ${invitation.email} withdrawn` })
    },
    problemErrors: (problem) => [{ field: '', message: invitationProblem(problem) }],
  })
  const now = Date.now()
  return {
    title: 'Withdraw invitation',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(organisation.name),
      pageHeading('Are you sure you want to withdraw this invitation?'),
      summaryList([
        { key: 'Email address', value: invitation.email },
        { key: 'Roles', value: roleList(invitation.roles) },
        { key: 'Sector', value: sectorName(invitation.sector) },
        { key: 'Sent', value: dateWords(invitation.created_at) },
        { key: 'Expires', value: isExpired(invitation, now) ? 'Expired' : dateWords(invitation.expires_at) },
      ]),
      paragraph('The link in the invitation will stop working. You can invite them again at any time.'),
      form,
    ),
  }
}
