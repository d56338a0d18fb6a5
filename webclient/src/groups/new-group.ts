// Creating a group: network administrators create any group (a regional network names its region), people who own a
// group create special-interest groups. The creator becomes its first owner. What is missing is said before anything
// is sent; a name another group has, and anything else the server refuses, on its field.

import * as api from '../api'
import type { RegionList } from '../directory/types'
import { h } from '../shell/dom'
import { type Field, radios, select } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { sectorName, sectors } from '../shell/words'
import {
  checkWording,
  checkedValue,
  chosenPrivacy,
  descriptionField,
  nameField,
  privacyField,
  serverErrors,
} from './group-form'
import type { Sector } from '../identity/types'
import type { Group, GroupKind, GroupPrivacy, NewGroup } from './types'
import { groupPath, groupsPath, kindHints, kindNames, kinds, mayCreateNetworks } from './words'

/** The form's answers as typed and chosen; a choice not made is empty. */
interface Draft {
  name: string
  description: string
  kind: GroupKind | ''
  sector: Sector | ''
  privacy: GroupPrivacy | ''
  region_code: string
}

export async function newGroupPage(): Promise<PageView> {
  const networks = mayCreateNetworks()
  const regions = networks ? (await api.get<RegionList>('/regions')).items : []
  const area = new MessageArea()
  const region = select({
    id: 'region-code',
    name: 'region_code',
    label: 'Which region?',
    choices: [{ value: '', text: 'Choose a region' }, ...regions.map((r) => ({ value: r.code, text: r.name }))],
    value: '',
  })
  const kind: Field | null = networks
    ? radios({
        id: 'kind',
        name: 'kind',
        legend: 'What type of group is it?',
        legendClass: 'govuk-fieldset__legend--m',
        choices: kinds.map((value) => ({
          value,
          text: kindNames[value],
          hint: kindHints[value],
          ...(value === 'regional_network' ? { conditional: region.element } : {}),
        })),
        values: [],
      })
    : null
  const fields = {
    name: nameField(''),
    description: descriptionField(''),
    ...(kind ? { kind } : {}),
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Which services is it for?',
      legendClass: 'govuk-fieldset__legend--m',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [],
    }),
    privacy: privacyField(''),
  }
  // The region is asked inside the regional network's choice, so it is not one of the questions in a row.
  const allFields: Record<string, Field> = kind ? { ...fields, region_code: region } : fields

  const chosenKind = (): GroupKind | '' => {
    if (!kind) return 'interest'
    const value = checkedValue(kind)
    return kinds.find((known) => known === value) ?? ''
  }
  const draft = (): Draft => ({
    name: fields.name.input.value.trim(),
    description: fields.description.textarea.value.trim(),
    kind: chosenKind(),
    sector: sectors.find((sector) => sector === checkedValue(fields.sector)) ?? '',
    privacy: chosenPrivacy(fields.privacy),
    region_code: region.select.value,
  })
  const problems = (): FormError[] => {
    const sent = draft()
    const errors: FormError[] = []
    checkWording(sent, errors)
    if (!sent.kind) errors.push({ field: 'kind', message: 'Select what type of group it is' })
    else if (sent.kind === 'regional_network' && !sent.region_code)
      errors.push({ field: 'region_code', message: 'Select the region of the network' })
    if (!sent.sector) errors.push({ field: 'sector', message: 'Select which services it is for' })
    if (!sent.privacy) errors.push({ field: 'privacy', message: 'Select who can join' })
    return errors
  }

  const form = apiForm({
    fields: allFields,
    content: Object.values(fields).map((field) => field.element),
    area,
    submitLabel: 'Create group',
    cancel: { href: groupsPath, text: 'Cancel' },
    check: problems,
    send: async () => {
      const sent = draft()
      const body: NewGroup = {
        name: sent.name,
        description: sent.description,
        kind: sent.kind || 'interest',
        sector: sent.sector || 'both',
        privacy: sent.privacy || 'restricted',
        ...(sent.kind === 'regional_network' ? { region_code: sent.region_code } : {}),
      }
      const created = await api.post<Group>(groupsPath, body)
      navigate(groupPath(created), { replace: true, flash: `${created.name} has been created` })
    },
    problemErrors: (problem) => serverErrors(problem, allFields, draft().name),
  })

  const heading = 'Create a group'
  return {
    title: heading,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: groupsPath }, 'Back to groups'),
      area.element,
      caption('Groups'),
      pageHeading(heading),
      paragraph(
        networks
          ? 'Create a network or a special-interest group. You will be its first owner: you approve who joins and can ' +
              'make others owners.'
          : 'Create a special-interest group, such as one for MASH leads or a teaching partnership. You will be its ' +
              'first owner: you approve who joins and can make others owners.',
      ),
      form,
    ),
  }
}
