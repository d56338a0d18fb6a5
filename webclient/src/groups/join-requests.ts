// The requests to join a restricted group, oldest first, for its owners and network administrators (whom the
// notification of a request leads here, at #join-requests): who asks, from which organisation, their message, and
// approving or declining each. New requests appear as they are made.

import * as api from '../api'
import { runAction } from '../shell/actions'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, initComponents, paragraph, visuallyHidden } from '../shell/govuk'
import { summaryCard, summaryList } from '../shell/tables'
import { redrawWhenFree } from './redraw'
import type { Group, JoinRequest, JoinRequestList } from './types'

export const joinRequestsId = 'join-requests'

export class JoinRequestsSection {
  readonly element: HTMLElement
  private readonly area = new MessageArea()
  private readonly list = h('div')

  /** `changed` reads the group and its members again after a request is answered. */
  constructor(
    private readonly group: Group,
    private requests: readonly JoinRequest[],
    private readonly changed: () => Promise<void>,
  ) {
    this.draw()
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': joinRequestsId },
      this.area.element,
      h('h2', { class: 'govuk-heading-m', id: joinRequestsId }, 'Requests to join'),
      this.list,
    )
  }

  get count(): number {
    return this.requests.length
  }

  /** Reads the requests again and shows them, once the reader is not using the list. */
  async reload(): Promise<void> {
    const fresh = await api.get<JoinRequestList>(`/groups/${this.group.id}/join-requests`)
    this.requests = fresh.items
    redrawWhenFree(this.list, () => this.draw())
  }

  private draw(): void {
    replaceContent(
      this.list,
      this.requests.length === 0
        ? paragraph('Nobody is waiting to join.')
        : this.requests.map((request) => this.card(request)),
    )
    if (this.list.isConnected) initComponents(this.list)
  }

  private card(request: JoinRequest): HTMLElement {
    const name = request.person.display_name
    const approve = button(['Approve', visuallyHidden(` ${name}`)], { type: 'button', small: true })
    const decline = button(['Decline', visuallyHidden(` ${name}`)], { type: 'button', variant: 'warning', small: true })
    approve.addEventListener('click', () =>
      this.answer(approve, request, 'approve', `${name} is now a member of ${this.group.name}`),
    )
    decline.addEventListener('click', () =>
      this.answer(decline, request, 'decline', `You declined ${name}’s request to join`),
    )
    return summaryCard(
      { title: name, headingLevel: 'h3', id: `join-request-${request.id}` },
      summaryList([
        { key: 'Organisation', value: request.organisation.name },
        { key: 'Message', value: request.message || 'No message' },
        { key: 'Asked', value: dateWords(request.requested_at) },
      ]),
      h('div', { class: 'govuk-button-group' }, approve, decline),
    )
  }

  private answer(control: HTMLButtonElement, request: JoinRequest, step: 'approve' | 'decline', done: string): void {
    runAction(this.area, control, async () => {
      try {
        await api.post<void>(`/groups/${this.group.id}/join-requests/${request.id}/${step}`, undefined)
      } catch (error) {
        // Answered meanwhile by another owner, or withdrawn.
        if (!(error instanceof api.ApiProblem && error.status === 404)) throw error
        await this.reload()
        throw new api.ApiProblem(
          404,
          error.type,
          'This request has already been answered or withdrawn.',
          '',
          [],
          null,
          null,
        )
      }
      this.requests = this.requests.filter((waiting) => waiting.id !== request.id)
      this.draw()
      await this.changed()
      this.area.showBanner({}, { success: true, heading: done })
    })
  }
}
