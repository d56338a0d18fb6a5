// A group's members, owners first, for those who may read the group. Its owners and network administrators make
// members owners and owners members, remove members, and add someone by the email address of their account (how
// people join a private group).

import * as api from '../api'
import type { Me } from '../identity/types'
import { runAction } from '../shell/actions'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { radios, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { button, initComponents, paragraph, visuallyHidden } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import { count } from '../shell/words'
import { redrawWhenFree } from './redraw'
import type { Group, GroupMember, GroupRole, NewGroupMember } from './types'
import { roleNames } from './words'

export class MembersSection {
  readonly element: HTMLElement
  private readonly area = new MessageArea()
  private readonly counts = paragraph()
  private readonly list = h('div')

  /** `changed` reads the group and its members again after an owner's change here. */
  constructor(
    private group: Group,
    private members: readonly GroupMember[],
    private readonly me: Me,
    private readonly changed: () => Promise<void>,
  ) {
    this.drawCounts()
    this.drawList()
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'members' },
      this.area.element,
      h('h2', { class: 'govuk-heading-m', id: 'members' }, 'Members'),
      this.counts,
      this.list,
      group.can_manage && this.addForm(),
    )
  }

  /** Shows the group's new counts and its members, once the reader is not using the list. */
  update(group: Group, members: readonly GroupMember[]): void {
    this.group = group
    this.members = members
    this.drawCounts()
    redrawWhenFree(this.list, () => this.drawList())
  }

  private drawCounts(): void {
    const group = this.group
    const owners =
      group.owner_count === 0
        ? 'It has no owners yet: the network administrators manage it.'
        : `${count(group.owner_count, 'of them is an owner', 'of them are owners')}.`
    replaceContent(this.counts, `${count(group.member_count, 'member', 'members')}. ${owners}`)
  }

  private drawList(): void {
    const manage = this.group.can_manage
    replaceContent(
      this.list,
      this.members.length === 0
        ? paragraph('Nobody has joined this group yet.')
        : scrollingTable({
            caption: `Members of ${this.group.name}`,
            captionHidden: true,
            firstCellIsHeader: true,
            columns: [
              { header: 'Name' },
              { header: 'Organisation' },
              { header: 'Role' },
              { header: 'Joined' },
              ...(manage ? [{ header: 'Actions' }] : []),
            ],
            rows: this.members.map((member) => [
              member.display_name,
              member.organisation.name,
              roleNames[member.role],
              dateWords(member.joined_at),
              ...(manage ? [this.actionsFor(member)] : []),
            ]),
          }),
    )
    if (this.list.isConnected) initComponents(this.list)
  }

  private actionsFor(member: GroupMember): HTMLElement {
    if (member.id === this.me.id) return h('span', null, 'This is you')
    const otherRole: GroupRole = member.role === 'owner' ? 'member' : 'owner'
    const roleButton = button([`Make ${otherRole}`, visuallyHidden(` ${member.display_name}`)], {
      type: 'button',
      variant: 'secondary',
      small: true,
    })
    roleButton.addEventListener('click', () =>
      runAction(this.area, roleButton, async () => {
        await api.patch<GroupMember>(`/groups/${this.group.id}/members/${member.id}`, { role: otherRole })
        await this.changed()
        this.area.showBanner(
          {},
          {
            success: true,
            heading: `${member.display_name} is now ${otherRole === 'owner' ? 'an owner' : 'a member'}`,
          },
        )
      }),
    )
    const removeButton = button(['Remove', visuallyHidden(` ${member.display_name}`)], {
      type: 'button',
      variant: 'warning',
      small: true,
    })
    removeButton.addEventListener('click', () =>
      runAction(this.area, removeButton, async () => {
        await api.del<void>(`/groups/${this.group.id}/members/${member.id}`)
        await this.changed()
        this.area.showBanner(
          {},
          { success: true, heading: `${member.display_name} has been removed from ${this.group.name}` },
        )
      }),
    )
    return h('div', { class: 'govuk-button-group app-member-actions' }, roleButton, removeButton)
  }

  /** Adding someone by the email address of their account, as a member or an owner. */
  private addForm(): HTMLElement {
    const fields = {
      email: textInput({
        id: 'member-email',
        name: 'email',
        label: 'Email address',
        hint: 'The address they sign in to PSW Network with.',
        type: 'email',
        autocomplete: 'off',
        spellcheck: false,
      }),
      role: radios({
        id: 'member-role',
        name: 'role',
        legend: 'Role',
        legendClass: 'govuk-fieldset__legend--s',
        choices: [
          { value: 'member', text: roleNames.member },
          { value: 'owner', text: roleNames.owner, hint: 'Owners approve who joins and manage the members.' },
        ],
        values: ['member'],
        small: true,
      }),
    }
    const answers = (): NewGroupMember => {
      const data = new FormData(form)
      return {
        email: String(data.get('email') ?? '').trim(),
        role: data.get('role') === 'owner' ? 'owner' : 'member',
      }
    }
    const form = apiForm({
      fields,
      area: this.area,
      submitLabel: 'Add member',
      check: () => {
        const errors: FormError[] = []
        const email = answers().email ?? ''
        if (!email) errors.push({ field: 'email', message: 'Enter their email address' })
        else if (!/^[^\s@]+@[^\s@]+$/.test(email))
          errors.push({
            field: 'email',
            message: 'Enter an email address in the correct format, like name@example.com',
          })
        return errors
      },
      send: async () => {
        const added = await api.post<GroupMember>(`/groups/${this.group.id}/members`, answers())
        form.reset()
        await this.changed()
        this.area.showBanner(fields, {
          success: true,
          heading: `${added.display_name} is now ${added.role === 'owner' ? 'an owner' : 'a member'} of ${this.group.name}`,
        })
      },
      problemErrors: (problem) =>
        problem.status === 422
          ? formErrors(problem, fields, { email: 'There is no one with an account on PSW Network at this address' })
          : null,
    })
    return h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('h3', { class: 'govuk-heading-s' }, 'Add a member'),
        paragraph(
          this.group.privacy === 'private'
            ? 'This is how people join a private group. They are told that you added them.'
            : 'They join at once, without asking. They are told that you added them.',
        ),
        form,
      ),
    )
  }
}
