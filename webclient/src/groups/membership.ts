// The reader's place in a group and what they can do about it: join an open group, ask to join a restricted one (with
// a few words for its owners), withdraw the request, or leave. Each step shows the group's page again, with what
// happened in a banner at the top.

import * as api from '../api'
import { h } from '../shell/dom'
import { textarea } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { button, buttonLink, paragraph } from '../shell/govuk'
import { runAction } from '../shell/actions'
import type { Group } from './types'
import { leaveGroupPath } from './words'

const maxMessageLength = 500

/** Shows the group's page again, with `flash` in a banner. */
export type Reopen = (flash: string) => void

export function membershipSection(group: Group, area: MessageArea, reopen: Reopen): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'membership' },
    h('h2', { class: 'govuk-heading-m', id: 'membership' }, 'Your membership'),
    membershipContent(group, area, reopen),
  )
}

function membershipContent(group: Group, area: MessageArea, reopen: Reopen): HTMLElement[] {
  const path = `/groups/${group.id}/join`
  if (group.my_role) {
    return [
      paragraph(
        group.my_role === 'owner'
          ? 'You are an owner of this group: you approve who joins, and can make other members owners.'
          : 'You are a member of this group. You are told about its new discussions.',
      ),
      buttonLink(leaveGroupPath(group), 'Leave group', 'secondary'),
    ]
  }
  if (group.requested) {
    const withdraw = button('Withdraw your request', { type: 'button', variant: 'secondary' })
    withdraw.addEventListener('click', () =>
      runAction(area, withdraw, async () => {
        await api.del<void>(path)
        reopen(`Your request to join ${group.name} has been withdrawn`)
      }),
    )
    return [paragraph('You have asked to join this group. We will tell you when its owners have decided.'), withdraw]
  }
  const managing = group.can_manage
    ? paragraph('You are not a member of this group. As a network administrator you can manage it.')
    : null
  if (group.privacy === 'open') {
    const join = button('Join this group', { type: 'button' })
    join.addEventListener('click', () =>
      runAction(area, join, async () => {
        await api.post<Group>(path, undefined)
        reopen(`You have joined ${group.name}`)
      }),
    )
    return [managing ?? paragraph('Anyone in the network can join this group.'), join].filter((item) => item !== null)
  }
  if (group.privacy === 'private' || group.can_manage) {
    return [managing ?? paragraph('Only the owners of this group can add members to it.')]
  }
  return askToJoin(group, area, reopen, path)
}

/** A restricted group: the reader asks, with a few words for the owners if they like. */
function askToJoin(group: Group, area: MessageArea, reopen: Reopen, path: string): HTMLElement[] {
  const fields = {
    message: textarea({
      id: 'join-message',
      name: 'message',
      label: 'Message to the group’s owners (optional)',
      labelClass: 'govuk-label--s',
      hint: 'Say who you are and why you would like to join, for example your role and authority.',
      rows: 3,
      characterLimit: maxMessageLength,
    }),
  }
  const message = (): string => fields.message.textarea.value.trim()
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Ask to join',
    check: () =>
      [...message()].length > maxMessageLength
        ? [{ field: 'message', message: `Message must be ${maxMessageLength} characters or fewer` }]
        : [],
    send: async () => {
      await api.post<Group>(path, message() ? { message: message() } : {})
      reopen(`You have asked to join ${group.name}`)
    },
    problemErrors: (problem) =>
      problem.status === 409 ? [{ field: '', message: problem.detail || 'You have already asked to join.' }] : null,
  })
  return [paragraph('Ask to join, and one of its owners will decide.'), form]
}
