// What a comparison shows: which authority, compared with which group (one every authority has, or one of the
// organisation's saved groups), in which period. A GET form, so every choice is in the address and the page can be
// bookmarked, shared and reloaded.

import type { ApiProblem } from '../api'
import { memberNames } from '../directory/comparator-groups'
import type { ComparatorGroup, Organisation } from '../directory/types'
import { h } from '../shell/dom'
import { type Choice, type Field, radios, select } from '../shell/fields'
import { type MessageArea, formErrors } from '../shell/form'
import { button, link } from '../shell/govuk'
import { sectorName } from '../shell/words'
import { comparatorGroupPaths } from './group-paths'
import type { Group, Period } from './types'
import { type Selection, type Services, groupNames, groupsFor, isGroup, periodWords } from './words'

/**
 * The comparison the address asks for. Without an authority it is the user's own organisation, when that is a
 * local authority; the services are those asked for, else `services` (the person's own, or the measure's); without
 * a group, the statistical neighbours for children's services and the region for adults'; `group_id` names a saved
 * group (the server says when it is not one of the organisation's); without a period, the server picks the latest.
 */
export function selectionFrom(
  query: URLSearchParams,
  ownOrganisationId: number,
  authorities: readonly Organisation[],
  services: Services,
): Selection {
  const own = authorities.some((authority) => authority.id === ownOrganisationId) ? ownOrganisationId : null
  const group = query.get('group')
  const allowed = groupsFor(services)
  const savedId = positiveId(query.get('group_id'))
  return {
    organisationId: positiveId(query.get('organisation_id')) ?? own,
    services,
    group: savedId !== null ? 'saved' : isGroup(group) && allowed.includes(group) ? group : (allowed[0] ?? 'region'),
    groupId: savedId,
    period: query.get('period') || null,
  }
}

function positiveId(text: string | null): number | null {
  const id = Number.parseInt(text ?? '', 10)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The services the address asks for, else the person's: adults' PSWs see adults' figures first. */
export function servicesFrom(query: URLSearchParams, personSector: string): Services {
  const asked = query.get('sector')
  if (asked === 'children' || asked === 'adults') return asked
  return personSector === 'adults' ? 'adults' : 'children'
}

export interface ControlsOptions {
  /** The path the form shows its choices on (the dashboard or a metric page). */
  action: string
  authorities: readonly Organisation[]
  periods: readonly Period[]
  /** The organisation's saved comparator groups, offered after the groups every authority has. */
  savedGroups: readonly ComparatorGroup[]
  selection: Selection
  area: MessageArea
  /** The dashboard lets the person choose children's or adults' services; a metric page has its measure's. */
  chooseServices?: boolean
}

export interface Controls {
  readonly element: HTMLElement
  /** Shows a 422 about a choice (an authority outside the neighbour model, an unknown period) on its field. */
  showProblem(problem: ApiProblem): void
}

export function comparisonControls(options: ControlsOptions): Controls {
  const { selection } = options
  const subject = options.authorities.find((authority) => authority.id === selection.organisationId)
  const periodKnown = options.periods.some((period) => period.period === selection.period)
  const fields: Record<string, Field> = {
    organisation_id: select({
      id: 'organisation_id',
      name: 'organisation_id',
      label: 'Local authority',
      value: subject ? String(subject.id) : '',
      choices: [
        ...(subject ? [] : [{ value: '', text: 'Choose a local authority' }]),
        ...options.authorities.map((authority) => ({ value: String(authority.id), text: authority.name })),
      ],
    }),
    period: select({
      id: 'period',
      name: 'period',
      label: 'Period',
      value: selection.period ?? '',
      choices: [
        ...(selection.period ? [] : [{ value: '', text: 'Latest published year' }]),
        ...(selection.period && !periodKnown ? [{ value: selection.period, text: periodWords(selection.period) }] : []),
        ...options.periods.map((period) => ({ value: period.period, text: periodChoice(period) })),
      ],
    }),
    group: radios({
      id: 'group',
      name: 'group',
      legend: 'Compare with',
      legendClass: 'govuk-fieldset__legend--s',
      choices: [
        ...groupsFor(selection.services).map((group) => ({
          value: group,
          text: groupChoice(group, subject),
          hint: groupHint(group),
        })),
        ...options.savedGroups.map(savedGroupChoice),
      ],
      values: [selection.group === 'saved' ? savedValue(selection.groupId ?? 0) : selection.group],
      small: true,
    }),
  }
  const services = options.chooseServices
    ? radios({
        id: 'sector',
        name: 'sector',
        legend: 'Services',
        legendClass: 'govuk-fieldset__legend--s',
        choices: (['children', 'adults'] as const).map((value) => ({ value, text: sectorName(value) })),
        values: [selection.services],
        small: true,
        inline: true,
      })
    : null
  if (services) fields['sector'] = services
  const element = h(
    'form',
    { method: 'get', action: options.action, 'aria-labelledby': 'controls-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'controls-heading' }, 'Change the comparison'),
    services?.element,
    services ? null : h('input', { type: 'hidden', name: 'sector', value: selection.services }),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h('div', { class: 'govuk-grid-column-one-third' }, fields['organisation_id']?.element),
      h('div', { class: 'govuk-grid-column-one-third' }, fields['period']?.element),
      h(
        'div',
        { class: 'govuk-grid-column-one-third' },
        fields['group']?.element,
        h('p', { class: 'govuk-body' }, link(comparatorGroupPaths.list, 'Your saved comparator groups')),
      ),
    ),
    button('Show figures', { variant: 'secondary' }),
  )
  // A saved group goes in the address as group_id alone, as the API takes it.
  element.addEventListener('formdata', (event) => {
    const chosen = /^saved-(\d+)$/.exec(String(event.formData.get('group') ?? ''))
    if (!chosen?.[1]) return
    event.formData.delete('group')
    event.formData.set('group_id', chosen[1])
  })
  return {
    element,
    showProblem(problem) {
      // A group_id that is not one of the organisation's saved groups is a problem with the group chosen.
      const errors = formErrors(
        problem,
        { ...fields, group_id: fields['group'] as Field },
        {
          group_id: 'The saved group asked for is not one of your organisation’s: choose another group',
        },
      ).map((error) => (error.field === 'group_id' ? { ...error, field: 'group' } : error))
      options.area.showErrors(fields, errors)
    },
  }
}

function savedValue(groupId: number): string {
  return `saved-${groupId}`
}

function savedGroupChoice(group: ComparatorGroup): Choice {
  return { value: savedValue(group.id), text: `Saved group: ${group.name}`, hint: memberNames(group, 3) }
}

function periodChoice(period: Period): string {
  return period.official ? period.label : `${period.label} (local figures only)`
}

function groupChoice(group: Group, subject: Organisation | undefined): string {
  if (group === 'region' && subject?.region) return `Region (${subject.region.name})`
  return groupNames[group]
}

function groupHint(group: Group): string {
  switch (group) {
    case 'statistical':
      return 'The 10 authorities most like it in the DfE 2025 statistical neighbour model'
    case 'region':
      return 'Every local authority in its region'
    case 'england':
      return 'All 153 local authorities'
    case 'saved':
      return 'One of your organisation’s saved groups'
  }
}
