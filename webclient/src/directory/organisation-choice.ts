// Choosing several organisations of the directory: a checkbox for each, the local authorities in a GOV.UK details per
// region and every other organisation in one more. Native checkboxes and details only, so it works by keyboard and
// with screen readers as the browser's own controls do, and names wrap rather than widen a phone's screen. A line
// above says what is chosen. A saved comparator group's organisations and the local authorities another employer
// works for are chosen with it.

import { h } from '../shell/dom'
import type { Field } from '../shell/fields'
import { visuallyHidden } from '../shell/govuk'
import { memberNames } from './comparator-groups'
import type { Organisation } from './types'

/** An organisation as a choice names it; one the directory no longer lists keeps its name. */
export interface ChosenOrganisation {
  id: number
  name: string
}

interface Section {
  name: string
  members: ChosenOrganisation[]
}

export interface OrganisationChoiceOptions {
  /** The start of the ids: "{id}-hint", "{id}-error", "{id}-chosen" and "{id}-section-1" (the error summary's link). */
  id: string
  /** The checkboxes' name. */
  name: string
  /** Each checkbox's id is "{itemIdPrefix}-{organisation id}". */
  itemIdPrefix: string
  legend: string
  hint: string
  /** The organisations offered. */
  organisations: readonly Organisation[]
  /** Those chosen already, such as a group's members when it is being changed. */
  chosen: readonly ChosenOrganisation[]
  /** The region whose details is open while nothing is chosen. */
  openRegion?: string
  /** Said above the organisations that are not local authorities in a region, when there are any. */
  othersHint?: string
  /** The line above the regions while nothing is chosen: "No organisations chosen yet." */
  noneChosen: string
}

export interface OrganisationChoice extends Field {
  selectedIds(): number[]
}

const otherOrganisations = 'Other organisations'

/** Local authorities by region, regions by name, then every other organisation. */
function sections(options: OrganisationChoiceOptions): Section[] {
  const byRegion = new Map<string, ChosenOrganisation[]>()
  const others: ChosenOrganisation[] = []
  for (const organisation of options.organisations) {
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

export function organisationChoice(options: OrganisationChoiceOptions): OrganisationChoice {
  const chosen = new Set(options.chosen.map((member) => member.id))
  const boxes: { member: ChosenOrganisation; input: HTMLInputElement }[] = []
  const counts: { section: Section; count: HTMLElement }[] = []
  const summaryIds: string[] = []
  const hintId = `${options.id}-hint`
  const errorId = `${options.id}-error`

  const regionDetails = sections(options).map((section, index) => {
    const summaryId = `${options.id}-section-${index + 1}`
    summaryIds.push(summaryId)
    const count = h('span', null)
    counts.push({ section, count })
    const items = section.members.map((member) => {
      const id = `${options.itemIdPrefix}-${member.id}`
      const input = h('input', {
        class: 'govuk-checkboxes__input',
        id,
        name: options.name,
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
    // Open where something is chosen, or at the region asked for when nothing is yet.
    const open =
      section.members.some((member) => chosen.has(member.id)) ||
      (chosen.size === 0 && section.name === options.openRegion)
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
          options.othersHint !== undefined &&
          h('p', { class: 'govuk-hint' }, options.othersHint),
        h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' }, items),
      ),
    )
  })

  const summary = h('p', { class: 'govuk-body', id: `${options.id}-chosen` })
  const selected = (): ChosenOrganisation[] =>
    boxes
      .filter((box) => box.input.checked)
      .map((box) => box.member)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  const describe = (): void => {
    const members = selected()
    summary.textContent =
      members.length === 0 ? options.noneChosen : `${members.length} chosen: ${memberNames({ members })}.`
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

  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', 'aria-describedby': hintId },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, options.legend),
    h('div', { id: hintId, class: 'govuk-hint' }, options.hint),
    summary,
    regionDetails,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  let message: HTMLElement | null = null
  return {
    element: group,
    // The error summary leads to the first region's summary: a checkbox may be inside a closed details.
    focusId: summaryIds[0] ?? summary.id,
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      fieldset.setAttribute('aria-describedby', text === null ? hintId : `${hintId} ${errorId}`)
      if (text === null) return
      message = h('p', { id: errorId, class: 'govuk-error-message' }, visuallyHidden('Error:'), ` ${text}`)
      summary.before(message)
    },
    selectedIds: () => selected().map((member) => member.id),
  }
}
