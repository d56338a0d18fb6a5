// The members of an organisation, for its administrators and network admins: disable or enable an account, the
// people asking to join after signing in with their council account (see access-requests.ts), the people who may
// have left, as their council sign-ins show (see possible-leavers.ts), invite someone new, and the invitations still
// pending (see pending-invitations.ts).

import * as api from '../api'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { checkboxes, radios, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { button, initComponents, paragraph, tag, twoThirds, visuallyHidden } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import { sectorName, sectors } from '../shell/words'
import { accessRequestsPart } from './access-requests'
import { pendingInvitations } from './pending-invitations'
import { possibleLeaversPart } from './possible-leavers'
import { currentUser, grantableRoles } from './session'
import type { Invitation, Member, OrganisationSummary } from './types'
import { roleList, roleName } from './words'

/**
 * Builds the "Members", "People asking to join", "People who may have left", "Pending invitations" and "Invite a
 * member" parts; loads the first page of members, the people asking to join, those who may have left and the pending
 * invitations before returning. `flash` is the outcome of the page the user came from (a withdrawal, an approval).
 */
export async function membersSection(
  organisation: OrganisationSummary,
  flash: string | null = null,
): Promise<HTMLElement> {
  const area = new MessageArea()
  const members = memberList(organisation, area)
  const [list, asking, leaving, pending] = await Promise.all([
    members,
    accessRequestsPart(organisation),
    // Disabling someone who may have left is the members list's action, so that the list shows it too.
    possibleLeaversPart(organisation, async (leaver) => (await members).setDisabled(leaver.user_id, true)),
    pendingInvitations(organisation, area),
  ])
  if (flash) area.showBanner({}, { success: true, heading: flash })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'members' },
    area.element,
    h('h2', { class: 'govuk-heading-l', id: 'members' }, 'Members'),
    list.element,
    asking,
    leaving,
    pending.element,
    inviteForm(organisation, area, pending.reload),
  )
}

interface MemberList {
  readonly element: HTMLElement
  /**
   * Disables or enables the account of the user `id` (PATCH /users/{id}), a member on the list or someone named
   * elsewhere in the section, and shows the outcome in the section's message area and on the list; resolves with
   * whether that worked.
   */
  setDisabled(id: number, disabled: boolean): Promise<boolean>
}

async function memberList(organisation: OrganisationSummary, area: MessageArea): Promise<MemberList> {
  const path = `/organisations/${organisation.id}/members`
  const members: Member[] = []
  const container = h('div')
  let nextCursor: string | null = null

  const load = async (): Promise<void> => {
    const page = await api.get<api.ListPage<Member>>(path, { cursor: nextCursor, limit: 100 })
    members.push(...page.items)
    nextCursor = page.next_cursor
  }

  const setDisabled = async (id: number, disabled: boolean): Promise<boolean> => {
    try {
      const updated = await api.patch<Member>(`/users/${id}`, { disabled })
      const shown = members.findIndex((member) => member.id === updated.id)
      if (shown >= 0) members[shown] = updated
      render()
      area.showBanner(
        {},
        {
          success: true,
          heading: disabled
            ? `${updated.display_name}’s account has been disabled`
            : `${updated.display_name}’s account has been enabled`,
          body: disabled
            ? 'They have been signed out and cannot sign in until their account is enabled again.'
            : undefined,
        },
      )
      return true
    } catch (error) {
      if (!(error instanceof api.ApiProblem)) throw error
      area.showErrors({}, [{ field: '', message: error.errors[0]?.message ?? (error.detail || error.title) }])
      return false
    }
  }

  const actionFor = (member: Member): HTMLElement => {
    if (member.id === currentUser()?.id) return h('span', null, 'This is you')
    const action = member.disabled ? 'Enable' : 'Disable'
    const control = button([action, visuallyHidden(` ${member.display_name}`)], {
      type: 'button',
      variant: member.disabled ? 'secondary' : 'warning',
      small: true,
    })
    control.addEventListener('click', () => {
      control.disabled = true
      void setDisabled(member.id, !member.disabled)
    })
    return control
  }

  const render = (): void => {
    const more = nextCursor ? button('Show more members', { type: 'button', variant: 'secondary' }) : null
    more?.addEventListener('click', () => {
      more.disabled = true
      load()
        .then(render)
        .catch((error: unknown) => {
          console.error(error)
          more.disabled = false
        })
    })
    replaceContent(
      container,
      members.length === 0
        ? paragraph('This organisation has no members yet.')
        : scrollingTable({
            caption: `Members of ${organisation.name}`,
            captionHidden: true,
            firstCellIsHeader: true,
            columns: [
              { header: 'Name' },
              { header: 'Email address' },
              { header: 'Sector' },
              { header: 'Roles' },
              { header: 'Status' },
              { header: 'Action' },
            ],
            rows: members.map((member) => [
              member.display_name,
              member.email,
              sectorName(member.sector),
              roleList(member.roles),
              member.disabled ? tag('Disabled', 'grey') : tag('Active', 'green'),
              actionFor(member),
            ]),
          }),
      more,
    )
    if (container.isConnected) initComponents(container)
  }

  await load()
  render()
  return { element: container, setDisabled }
}

function inviteForm(organisation: OrganisationSummary, area: MessageArea, invited: () => Promise<void>): HTMLElement {
  const fields = {
    email: textInput({
      id: 'invite-email',
      name: 'email',
      label: 'Email address',
      hint: 'We will send the invitation to this address.',
      type: 'email',
      autocomplete: 'off',
      spellcheck: false,
    }),
    sector: radios({
      id: 'invite-sector',
      name: 'sector',
      legend: 'Which services do they work in?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [],
      small: true,
    }),
    roles: checkboxes({
      id: 'invite-roles',
      name: 'roles',
      legend: 'What can they do?',
      legendClass: 'govuk-fieldset__legend--s',
      hint: 'Select all that apply.',
      choices: grantableRoles().map((role) => ({ value: role, text: roleName(role) })),
      values: ['member'],
      small: true,
    }),
  }
  const answers = (): { email: string; sector: string; roles: string[] } => {
    const data = new FormData(form)
    return {
      email: String(data.get('email') ?? '').trim(),
      sector: String(data.get('sector') ?? ''),
      roles: data.getAll('roles').map(String),
    }
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Send invitation',
    check: () => {
      const { email, sector, roles } = answers()
      const errors: FormError[] = []
      if (!email) errors.push({ field: 'email', message: 'Enter their email address' })
      if (!sector) errors.push({ field: 'sector', message: 'Select which services they work in' })
      if (roles.length === 0) errors.push({ field: 'roles', message: 'Select at least one role' })
      return errors
    },
    send: async () => {
      const invitation = await api.post<Invitation>('/invitations', { ...answers(), organisation_id: organisation.id })
      form.reset()
      // The new invitation joins the pending list; the banner says it was sent even if reading the list failed.
      await invited().catch((error: unknown) => console.error(error))
      area.showBanner(fields, {
        success: true,
        heading: `Invitation sent to ${invitation.email}`,
        body: `The link in the invitation works once, until ${dateWords(invitation.expires_at)}.`,
      })
    },
    problemErrors: (problem) => {
      if (problem.status === 409)
        return [{ field: 'email', message: 'Someone with this email address already has an account' }]
      if (problem.status === 403) return [{ field: '', message: 'You cannot invite members to this organisation' }]
      return null
    },
  })

  return twoThirds(
    h('h2', { class: 'govuk-heading-m' }, 'Invite a member'),
    paragraph(`Invite someone to join PSW Network as part of ${organisation.name}.`),
    form,
  )
}
