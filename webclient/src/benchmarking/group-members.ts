// Choosing the organisations of a saved comparator group: a checkbox for each organisation of the directory (one's own
// left out, as it is always compared), the local authorities in a GOV.UK details per region and every other
// organisation in one more. Native checkboxes and details only, so it works by keyboard and with screen readers as
// the browser's own controls do, and names wrap rather than widen a phone's screen. A line above says what is chosen.

import { memberNames } from '../directory/comparator-groups'
import type { Organisation } from '../directory/types'
import { h } from '../shell/dom'
import type { Field } from '../shell/fields'
import { visuallyHidden } from '../shell/govuk'

export const maxMembers = 60

/** An organisation as a group names it; those the directory no longer lists keep their name. */
interface Member {
  id: number
  name: string
}

interface Section {
  name: string
  members: Member[]
}

export interface MemberChoiceOptions {
  organisations: readonly Organisation[]
  /** The person's organisation: always compared, never a member. */
  ownOrganisationId: number
  /** The group's members when it is being changed. */
  chosen: readonly Member[]
}

export interface MemberChoice extends Field {
  selectedIds(): number[]
}

const otherOrganisations = 'Other organisations'

/** Local authorities by region, regions by name, then every other organisation. */
function sections(options: MemberChoiceOptions): Section[] {
  const byRegion = new Map<string, Member[]>()
  const others: Member[] = []
  for (const organisation of options.organisations) {
    if (organisation.id === options.ownOrganisationId) continue
    const member = { id: organisation.id, name: organisation.name }
    if (organisation.kind === 'local_authority' && organisation.region) {
      byRegion.set(organisation.region.name, [...(byRegion.get(organisation.region.name) ?? []), member])
    } else {
      others.push(member)
    }
  }
  const known = new Set(options.organisations.map((organisation) => organisation.id))
  others.push(...options.chosen.filter((member) => !known.has(member.id)))
  const regions = [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
    .map(([name, members]) => ({ name, members }))
  return others.length > 0 ? [...regions, { name: otherOrganisations, members: others }] : regions
}

export function memberChoice(options: MemberChoiceOptions): MemberChoice {
  const chosen = new Set(options.chosen.map((member) => member.id))
  const ownRegion = options.organisations.find((organisation) => organisation.id === options.ownOrganisationId)?.region
    ?.name
  const boxes: { member: Member; input: HTMLInputElement }[] = []
  const counts: { section: Section; count: HTMLElement }[] = []
  const summaryIds: string[] = []

  const regionDetails = sections(options).map((section, index) => {
    const summaryId = `members-section-${index + 1}`
    summaryIds.push(summaryId)
    const count = h('span', null)
    counts.push({ section, count })
    const items = section.members.map((member) => {
      const id = `member-${member.id}`
      const input = h('input', {
        class: 'govuk-checkboxes__input',
        id,
        name: 'members',
        type: 'checkbox',
        value: String(member.id),
        checked: chosen.has(member.id),
      })
      boxes.push({ member, input })
      return h(
        'div',
        { class: 'govuk-checkboxes__item' },
        input,
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, member.name),
      )
    })
    // Open where something is chosen, or at one's own region when nothing is yet.
    const open =
      section.members.some((member) => chosen.has(member.id)) || (chosen.size === 0 && section.name === ownRegion)
    return h(
      'details',
      { class: 'govuk-details govuk-!-margin-bottom-3', open },
      h(
        'summary',
        { class: 'govuk-details__summary', id: summaryId },
        h('span', { class: 'govuk-details__summary-text' }, section.name, count),
      ),
      h(
        'div',
        { class: 'govuk-details__text' },
        section.name === otherOrganisations &&
          h(
            'p',
            { class: 'govuk-hint' },
            'They have no workforce figures to compare, but they can be asked questions with the group.',
          ),
        h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' }, items),
      ),
    )
  })

  const summary = h('p', { class: 'govuk-body', id: 'members-chosen' })
  const selected = (): Member[] =>
    boxes
      .filter((box) => box.input.checked)
      .map((box) => box.member)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  const describe = (): void => {
    const members = selected()
    summary.textContent =
      members.length === 0 ? 'No organisations chosen yet.' : `${members.length} chosen: ${memberNames({ members })}.`
    for (const { section, count } of counts) {
      const n = section.members.filter((member) => chosen.has(member.id)).length
      count.textContent = n === 0 ? '' : ` (${n} chosen)`
    }
  }
  for (const box of boxes) {
    box.input.addEventListener('change', () => {
      if (box.input.checked) chosen.add(box.member.id)
      else chosen.delete(box.member.id)
      describe()
    })
  }
  describe()

  const hint = h(
    'div',
    { id: 'members-hint', class: 'govuk-hint' },
    `Choose up to ${maxMembers}. Open a region to choose its local authorities. Your own organisation is always ` +
      'compared, so it is not in the list.',
  )
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', 'aria-describedby': 'members-hint' },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, 'Organisations in the group'),
    hint,
    summary,
    regionDetails,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  let message: HTMLElement | null = null
  return {
    element: group,
    // The error summary leads to the first region's summary: a checkbox may be inside a closed details.
    focusId: summaryIds[0] ?? 'members-chosen',
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      fieldset.setAttribute('aria-describedby', text === null ? 'members-hint' : 'members-hint members-error')
      if (text === null) return
      message = h('p', { id: 'members-error', class: 'govuk-error-message' }, visuallyHidden('Error:'), ` ${text}`)
      summary.before(message)
    },
    selectedIds: () => selected().map((member) => member.id),
  }
}
