// The organisations an identity provider serves, in the GOV.UK "add another" pattern: one fieldset per organisation
// (chosen from the directory, with its Microsoft Entra tenant ID when the issuer serves several councils), a button
// to add another and one to remove each. Native controls only; after a removal focus stays in the list and the
// change is announced.

import type { Organisation } from '../directory/types'
import { h } from '../shell/dom'
import { type Field, select, textInput } from '../shell/fields'
import { messageField } from '../shell/message-field'
import type { FormError } from '../shell/form'
import { button } from '../shell/govuk'
import type { LiveRegion } from '../shell/live-region'
import type { IdentityProviderOrganisation, IdentityProviderOrganisationSettings } from './types'

interface Row {
  readonly uid: number
  readonly element: HTMLElement
  readonly heading: HTMLElement
  readonly name: HTMLElement
  readonly organisation: Field & { select: HTMLSelectElement }
  readonly tenant: Field & { input: HTMLInputElement }
  readonly remove: HTMLButtonElement
}

export class OrganisationRows {
  readonly element: HTMLElement
  private readonly list = h('div')
  private readonly addButton = button('Add another organisation', { type: 'button', variant: 'secondary' })
  private readonly listMessage = h('div')
  /** One field for the list's own error, so that a later check can take away what an earlier one showed. */
  private readonly listField: Field
  private rows: Row[] = []
  private lastUid = 0

  constructor(
    private readonly organisations: readonly Organisation[],
    initial: readonly IdentityProviderOrganisation[],
    private readonly live: LiveRegion,
  ) {
    this.addButton.id = 'add-organisation'
    this.listField = messageField(this.listMessage, this.addButton.id, 'end')
    this.addButton.addEventListener('click', () => {
      const row = this.add(null)
      this.renumber()
      row.organisation.select.focus()
      this.live.announce(`Organisation ${this.rows.length} added`)
    })
    for (const organisation of initial.length > 0 ? initial : [null]) this.add(organisation)
    this.renumber()
    this.element = h('div', null, this.listMessage, this.list, this.addButton)
  }

  /** The organisations as the API takes them, in order. */
  value(): IdentityProviderOrganisationSettings[] {
    return this.rows.flatMap((row) => {
      const id = Number(row.organisation.select.value)
      if (!id) return []
      const tenant = row.tenant.input.value.trim()
      return [tenant ? { organisation_id: id, tenant_id: tenant } : { organisation_id: id }]
    })
  }

  /** The fields by the names the server gives them: "organisations[0].tenant_id", and "organisations" for the list. */
  fields(): Record<string, Field> {
    const fields: Record<string, Field> = { organisations: this.listField }
    this.rows.forEach((row, index) => {
      fields[`organisations[${index}].organisation_id`] = row.organisation
      fields[`organisations[${index}].tenant_id`] = row.tenant
    })
    return fields
  }

  /** What is missing before sending, keyed as `fields()` keys it. Every row needs an organisation. */
  problems(): FormError[] {
    const errors: FormError[] = []
    const chosen = new Set<string>()
    this.rows.forEach((row, index) => {
      const id = row.organisation.select.value
      const field = `organisations[${index}].organisation_id`
      if (!id) {
        const message =
          this.rows.length === 1
            ? 'Select an organisation whose people sign in with it'
            : `Select organisation ${index + 1}, or remove it`
        errors.push({ field, message })
      } else if (chosen.has(id)) {
        errors.push({ field, message: `Organisation ${index + 1} is already in the list: remove it` })
      }
      chosen.add(id)
    })
    return errors
  }

  private add(initial: IdentityProviderOrganisation | null): Row {
    this.lastUid += 1
    const row = buildRow(this.lastUid, this.organisations, initial)
    row.remove.addEventListener('click', () => this.removeRow(row))
    this.rows.push(row)
    this.list.append(row.element)
    return row
  }

  private removeRow(row: Row): void {
    const index = this.rows.indexOf(row)
    this.rows.splice(index, 1)
    row.element.remove()
    this.renumber()
    const next = this.rows[Math.min(index, this.rows.length - 1)]
    if (next) next.heading.focus()
    else this.addButton.focus()
    this.live.announce(`Organisation ${index + 1} removed`)
  }

  private renumber(): void {
    this.rows.forEach((row, index) => {
      row.heading.textContent = `Organisation ${index + 1}`
      row.name.textContent = ` organisation ${index + 1}`
      row.remove.hidden = this.rows.length === 1
    })
  }
}

function buildRow(
  uid: number,
  organisations: readonly Organisation[],
  initial: IdentityProviderOrganisation | null,
): Row {
  const chosen = initial ? String(initial.id) : ''
  // One the directory no longer lists keeps its name, so that saving does not drop it unseen.
  const missing =
    initial !== null && !organisations.some((organisation) => organisation.id === initial.id) ? initial : null
  const organisation = select({
    id: `organisation-${uid}`,
    name: `organisation-${uid}`,
    label: 'Organisation',
    choices: [
      { value: '', text: 'Choose an organisation' },
      ...(missing ? [{ value: String(missing.id), text: missing.name }] : []),
      ...organisations.map((known) => ({ value: String(known.id), text: known.name })),
    ],
    value: chosen,
  })
  // Long names would otherwise widen the list beyond a phone's screen.
  organisation.select.classList.add('govuk-!-width-full')
  const tenant = textInput({
    id: `tenant-id-${uid}`,
    name: `tenant-id-${uid}`,
    label: 'Microsoft Entra tenant ID (optional)',
    hint: 'Only when the issuer serves several councils, as Microsoft Entra ID’s “organizations” issuer does.',
    value: initial?.tenant_id ?? '',
    autocomplete: 'off',
    spellcheck: false,
    widthClass: 'govuk-input--width-30',
  })
  const name = h('span', { class: 'govuk-visually-hidden' })
  const remove = button(['Remove', name], { type: 'button', variant: 'secondary', small: true })
  const heading = h('h3', { class: 'govuk-fieldset__heading', tabindex: '-1' })
  const element = h(
    'div',
    { class: 'app-add-another__item' },
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, heading),
      organisation.element,
      tenant.element,
      remove,
    ),
  )
  return { uid, element, heading, name, organisation, tenant, remove }
}
