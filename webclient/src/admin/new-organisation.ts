// Adding another employer of PSWs to the directory (network administrators): an NHS trust to which social work is
// delegated, a children's trust, a community interest company or another kind of organisation, with our own code for
// it, its region, the services it runs and the local authorities it runs them for, chosen by region as a comparator
// group's organisations are. Its people then answer consultations about those services. What is missing is said
// before anything is sent; a code already taken, and anything else the server refuses, on its field.

import * as api from '../api'
import { forgetOrganisations, loadOrganisations } from '../directory/all-organisations'
import { organisationChoice } from '../directory/organisation-choice'
import type { NewEmployer, Organisation, RegionList } from '../directory/types'
import { type EmployerKind, employerKinds, organisationPath } from '../directory/words'
import { hasRole } from '../identity/session'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { type Field, radios, select, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, fieldKey } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { sectorName, sectors } from '../shell/words'

export const newOrganisationPath = '/admin/organisations/new'

/** Whether the Admin page and the directory offer this page: the server decides who may add organisations. */
export function mayAddOrganisations(): boolean {
  return hasRole('network_admin')
}

const maxWorksFor = 20
const maxNameLength = 200
const codePattern = /^[A-Z0-9][A-Z0-9-]{1,39}$/

const kindChoices: Readonly<Record<EmployerKind, { text: string; hint: string }>> = {
  nhs_trust: {
    text: 'NHS trust to which social work is delegated',
    hint: 'For example, a mental health trust that runs a council’s adults’ social work.',
  },
  childrens_trust: {
    text: 'Children’s trust',
    hint: 'An organisation that runs a council’s children’s services on its behalf.',
  },
  community_interest_company: {
    text: 'Community interest company',
    hint: 'A social enterprise that runs social work for a council.',
  },
  other: { text: 'Another kind of organisation', hint: 'Any other employer of Principal Social Workers.' },
}

export async function newOrganisationPage(): Promise<PageView> {
  if (!mayAddOrganisations()) return forbiddenPage()
  const back = '/admin'
  const [organisations, regions] = await Promise.all([loadOrganisations(), api.get<RegionList>('/regions')])
  const authorities = organisations.filter((organisation) => organisation.kind === 'local_authority')
  const area = new MessageArea()
  const fields = {
    kind: radios({
      id: 'kind',
      name: 'kind',
      legend: 'What kind of organisation is it?',
      legendClass: 'govuk-fieldset__legend--m',
      choices: employerKinds.map((kind) => ({ value: kind, ...kindChoices[kind] })),
      values: [],
    }),
    name: textInput({
      id: 'name',
      name: 'name',
      label: 'Name',
      labelClass: 'govuk-label--m',
      hint: 'Its full name, as its people would look for it.',
      autocomplete: 'off',
    }),
    code: textInput({
      id: 'code',
      name: 'code',
      label: 'Code',
      labelClass: 'govuk-label--m',
      hint:
        'A short code of our own for it, different from every other organisation’s: 2 to 40 capital letters, ' +
        'digits and hyphens, such as NCT or NHCT-ADULTS. It is used to add people to it from the command line.',
      autocomplete: 'off',
      spellcheck: false,
      widthClass: 'govuk-input--width-20',
    }),
    region_code: select({
      id: 'region-code',
      name: 'region_code',
      label: 'Region (optional)',
      labelClass: 'govuk-label--m',
      choices: [
        { value: '', text: 'No region' },
        ...regions.items.map((region) => ({ value: region.code, text: region.name })),
      ],
      value: '',
    }),
    services: radios({
      id: 'services',
      name: 'services',
      legend: 'Which services does it run?',
      legendClass: 'govuk-fieldset__legend--m',
      hint: 'Its people answer the consultations about these services.',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [],
    }),
    works_for: organisationChoice({
      id: 'works-for',
      name: 'works_for',
      itemIdPrefix: 'works-for',
      legend: 'Which local authorities does it work for? (optional)',
      hint: `The councils whose services it runs. Choose up to ${maxWorksFor}. Open a region to choose its local authorities.`,
      organisations: authorities,
      chosen: [],
      noneChosen: 'No local authorities chosen yet.',
    }),
  }

  const draft = (): Draft => ({
    kind: checkedValue(fields.kind),
    name: fields.name.input.value.trim(),
    code: fields.code.input.value.trim(),
    region_code: fields.region_code.select.value,
    services: checkedValue(fields.services),
    works_for: fields.works_for.selectedIds(),
  })
  const problems = (): FormError[] => {
    const sent = draft()
    const errors: FormError[] = []
    if (!sent.kind) errors.push({ field: 'kind', message: 'Select what kind of organisation it is' })
    if (!sent.name) errors.push({ field: 'name', message: 'Enter the name of the organisation' })
    else if ([...sent.name].length > maxNameLength)
      errors.push({ field: 'name', message: `Name must be ${maxNameLength} characters or fewer` })
    if (!sent.code) errors.push({ field: 'code', message: 'Enter a code for the organisation' })
    else if (!codePattern.test(sent.code)) {
      errors.push({
        field: 'code',
        message: 'Code must be 2 to 40 capital letters, digits and hyphens, starting with a letter or digit',
      })
    }
    if (!sent.services) errors.push({ field: 'services', message: 'Select which services it runs' })
    if (sent.works_for.length > maxWorksFor)
      errors.push({ field: 'works_for', message: `Select ${maxWorksFor} local authorities or fewer` })
    return errors
  }

  const form = apiForm({
    fields,
    area,
    submitLabel: 'Add organisation',
    cancel: { href: back, text: 'Cancel' },
    check: problems,
    send: async () => {
      const added = await api.post<Organisation>('/organisations', newEmployer(draft()))
      forgetOrganisations()
      navigate(organisationPath(added), { replace: true, flash: `${added.name} has been added to the directory` })
    },
    problemErrors: (problem) => serverErrors(problem, draft(), authorities),
  })

  const heading = 'Add an organisation'
  return {
    title: heading,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption('Organisations'),
      pageHeading(heading),
      paragraph(
        'Add an NHS trust, children’s trust, community interest company or other organisation that employs ' +
          'Principal Social Workers. Its people answer consultations about the services it runs, as the local ' +
          'authorities’ people do.',
      ),
      form,
    ),
  }
}

/** The form's answers as typed and chosen; a choice not made is empty. */
interface Draft {
  kind: string
  name: string
  code: string
  region_code: string
  services: string
  works_for: number[]
}

/** The value of the radio chosen in `field`, or empty. */
function checkedValue(field: Field): string {
  return field.element.querySelector<HTMLInputElement>('input:checked')?.value ?? ''
}

/** The body of POST /organisations; the checks have made sure that a kind and services are chosen. */
function newEmployer(sent: Draft): NewEmployer {
  const kind = employerKinds.find((known) => known === sent.kind) ?? 'other'
  const services = sectors.find((known) => known === sent.services) ?? 'both'
  return {
    kind,
    name: sent.name,
    code: sent.code,
    ...(sent.region_code ? { region_code: sent.region_code } : {}),
    services,
    works_for: sent.works_for,
  }
}

/**
 * The server's refusals in the form's words: a code another organisation has (409 on `code`), and the field errors
 * of a 422, where "works_for[2]" is the third local authority chosen.
 */
function serverErrors(problem: api.ApiProblem, sent: Draft, authorities: readonly Organisation[]): FormError[] | null {
  if (problem.status !== 409 && problem.status !== 422) return null
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = fieldKey(error.field)
    const field = key in fieldNames ? key : ''
    if (field !== '' && errors.some((known) => known.field === field)) continue
    if (field === 'code' && problem.status === 409) {
      errors.push({ field, message: `Another organisation already has the code ${sent.code}: choose another code` })
      continue
    }
    const item = /^\/?works_for(?:\[|\/)(\d+)\]?$/.exec(error.field)
    const chosenId = item ? sent.works_for[Number(item[1])] : undefined
    const chosen = authorities.find((authority) => authority.id === chosenId)
    errors.push({ field, message: sentence(chosen?.name ?? fieldNames[key] ?? 'The organisation', error.message) })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}

const fieldNames: Readonly<Record<string, string>> = {
  kind: 'Kind of organisation',
  name: 'Name',
  code: 'Code',
  region_code: 'Region',
  services: 'Services',
  works_for: 'Local authorities',
}

/** The server's words, which may start "must ...", as a sentence naming what they are about. */
function sentence(subject: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message
  return /^(must|is|are|could|cannot|can|should|has|was)\b/.test(message)
    ? `${subject} ${message}`
    : `${subject}: ${message}`
}
