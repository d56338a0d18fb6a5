// "Used by N authorities": the organisations that say they use a resource, and the button with which another
// organisation says "we use this too" (or takes it back). The owner sees the list change live as others adopt it.

import * as api from '../api'
import { runAction } from '../shell/actions'
import type { Me, OrganisationRef } from '../identity/types'
import { h, replaceContent } from '../shell/dom'
import type { MessageArea } from '../shell/form'
import { button, link, paragraph } from '../shell/govuk'
import type { LiveRegion } from '../shell/live-region'
import type { EndorsementAnswer, Resource } from './types'
import { usedByText } from './words'

export class Adoption {
  readonly element: HTMLElement
  private readonly countLine = h('p', { class: 'govuk-body govuk-!-font-weight-bold app-used-by-count' })
  private readonly names = h('div')
  private readonly mine = h('p', { class: 'govuk-body' })
  private readonly toggle = button('', { type: 'button', variant: 'secondary' })
  private organisations: OrganisationRef[]
  private readonly owner: boolean

  constructor(
    private readonly resource: Resource,
    private readonly me: Me,
    private readonly area: MessageArea,
    private readonly live: LiveRegion,
  ) {
    this.organisations = resource.endorsements.map((endorsement) => endorsement.organisation)
    this.owner = me.organisation.id === resource.organisation.id
    this.toggle.addEventListener('click', () =>
      runAction(this.area, this.toggle, async () => {
        const path = `/resources/${this.resource.id}/endorsement`
        const adopting = !this.usedByMe()
        const answer = adopting ? await api.put<EndorsementAnswer>(path) : await api.del<EndorsementAnswer>(path)
        this.show(answer.endorsements.map((endorsement) => endorsement.organisation))
        this.live.announce(
          adopting
            ? `Saved: ${this.me.organisation.name} uses this resource`
            : `Saved: ${this.me.organisation.name} no longer uses this resource`,
        )
      }),
    )
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'used-by-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'used-by-heading' }, 'Who uses it'),
      this.countLine,
      this.names,
      this.owner
        ? paragraph('Other authorities that use it can say so here. The author is told when they do.')
        : [this.mine, this.toggle],
    )
    this.show(this.organisations)
  }

  /** Another organisation adopted the resource or stopped using it: show it, and say who, without moving focus. */
  changed(organisations: readonly OrganisationRef[]): void {
    const before = new Set(this.organisations.map((organisation) => organisation.id))
    const after = new Set(organisations.map((organisation) => organisation.id))
    const added = organisations.filter((organisation) => !before.has(organisation.id))
    const removed = this.organisations.filter((organisation) => !after.has(organisation.id))
    if (added.length === 0 && removed.length === 0) return
    this.show(organisations)
    const words = [
      ...added.map((organisation) => `${organisation.name} uses this resource now.`),
      ...removed.map((organisation) => `${organisation.name} no longer uses this resource.`),
      `${usedByText(organisations.length)}.`,
    ]
    this.live.announce(words.join(' '))
  }

  private usedByMe(): boolean {
    return this.organisations.some((organisation) => organisation.id === this.me.organisation.id)
  }

  private show(organisations: readonly OrganisationRef[]): void {
    this.organisations = [...organisations]
    this.countLine.textContent = usedByText(organisations.length)
    replaceContent(
      this.names,
      organisations.length > 0 &&
        h(
          'ul',
          { class: 'govuk-list govuk-list--bullet' },
          organisations.map((organisation) =>
            h('li', null, link(`/organisations/${organisation.id}`, organisation.name)),
          ),
        ),
    )
    if (this.owner) return
    const used = this.usedByMe()
    this.mine.textContent = used
      ? `${this.me.organisation.name} uses this resource.`
      : `If ${this.me.organisation.name} uses this resource, say so: ${this.resource.organisation.name} will be told.`
    replaceContent(this.toggle, used ? 'We no longer use this' : 'We use this too')
  }
}
