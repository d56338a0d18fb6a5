// Adding and changing an identity provider (network administrators): its name on the sign-in page, the issuer and
// the client registered there, the email domains whose people use it and the organisations it serves. The server
// reads the issuer's discovery document as it saves, and says on the issuer when it cannot. The client secret is
// never shown: when changing, leaving it blank keeps the current one.

import * as api from '../api'
import { loadOrganisations } from '../directory/all-organisations'
import type { Organisation } from '../directory/types'
import { h } from '../shell/dom'
import { type Field, passwordInput, textInput, textarea } from '../shell/fields'
import { type FormError, MessageArea, apiForm, fieldKey } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { identityProviderPaths, identityProvidersApiPath } from './identity-providers'
import { OrganisationRows } from './provider-organisations'
import type { IdentityProvider, IdentityProviderSettings } from './types'

const sharedEntraIssuer = 'https://login.microsoftonline.com/organizations/v2.0'

export async function newIdentityProviderPage(): Promise<PageView> {
  return providerFormPage(null, await loadOrganisations())
}

export async function changeIdentityProviderPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [provider, organisations] = await Promise.all([
    api.get<IdentityProvider>(identityProvidersApiPath(id)),
    loadOrganisations(),
  ])
  return providerFormPage(provider, organisations)
}

/** The email domains typed one per line; commas, spaces and a leading "@" are forgiven. */
function domainList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((domain) => domain.replace(/^@/, '').trim())
    .filter((domain) => domain !== '')
}

function providerFormPage(provider: IdentityProvider | null, organisations: readonly Organisation[]): PageView {
  const area = new MessageArea()
  const live = liveRegion()
  const rows = new OrganisationRows(organisations, provider?.organisations ?? [], live)
  const fields = {
    name: textInput({
      id: 'name',
      name: 'name',
      label: 'Name shown on sign-in',
      hint: 'For example, Wiltshire Council',
      value: provider?.name ?? '',
    }),
    issuer: textInput({
      id: 'issuer',
      name: 'issuer',
      label: 'Issuer URL',
      hint: [
        'We check it by reading its discovery document when you save. For Microsoft Entra ID serving several ' +
          'councils, use ',
        h('span', { class: 'app-break-anywhere' }, sharedEntraIssuer),
      ],
      value: provider?.issuer ?? '',
      autocomplete: 'off',
      spellcheck: false,
    }),
    client_id: textInput({
      id: 'client-id',
      name: 'client_id',
      label: 'Client ID',
      hint: 'The application (client) ID the provider gave PSW Network when it was registered.',
      value: provider?.client_id ?? '',
      autocomplete: 'off',
      spellcheck: false,
    }),
    client_secret: passwordInput({
      id: 'client-secret',
      name: 'client_secret',
      label: 'Client secret',
      hint: provider
        ? 'Leave this blank to keep the current secret.'
        : 'You will not see it again once it is saved: keep a copy where your team keeps its secrets.',
      autocomplete: 'off',
      secretName: 'client secret',
    }),
    domains: textarea({
      id: 'domains',
      name: 'domains',
      label: 'Email domains',
      hint:
        'Put each domain on its own line, for example wiltshire.gov.uk. People with an email address at these ' +
        'domains sign in with this provider.',
      rows: 4,
      spellcheck: false,
      value: provider?.domains.join('\n') ?? '',
    }),
  }
  const allFields = (): Record<string, Field> => ({ ...fields, ...rows.fields() })

  const answers = (): IdentityProviderSettings => {
    const secret = fields.client_secret.input.value.trim()
    return {
      name: fields.name.input.value.trim(),
      issuer: fields.issuer.input.value.trim(),
      client_id: fields.client_id.input.value.trim(),
      ...(secret ? { client_secret: secret } : {}),
      domains: domainList(fields.domains.textarea.value),
      organisations: rows.value(),
    }
  }
  const problems = (): FormError[] => {
    const sent = answers()
    const errors: FormError[] = []
    if (!sent.name) errors.push({ field: 'name', message: 'Enter the name shown on sign-in' })
    if (!sent.issuer) errors.push({ field: 'issuer', message: 'Enter the issuer URL' })
    else if (!/^https?:\/\/\S+$/i.test(sent.issuer)) {
      errors.push({ field: 'issuer', message: `Enter the issuer URL in the correct format, like ${sharedEntraIssuer}` })
    }
    if (!sent.client_id) errors.push({ field: 'client_id', message: 'Enter the client ID' })
    if (!provider && !sent.client_secret) errors.push({ field: 'client_secret', message: 'Enter the client secret' })
    const notDomain = sent.domains.find((domain) => !/^[^@/\s]+\.[^@/\s]+$/.test(domain))
    if (sent.domains.length === 0) {
      errors.push({ field: 'domains', message: 'Enter at least one email domain, like wiltshire.gov.uk' })
    } else if (notDomain !== undefined) {
      errors.push({ field: 'domains', message: `Enter “${notDomain}” as a domain only, like wiltshire.gov.uk` })
    }
    return [...errors, ...rows.problems()]
  }

  const back = identityProviderPaths.list
  const form = apiForm({
    get fields() {
      return allFields()
    },
    content: [
      Object.values(fields).map((field) => field.element),
      h('h2', { class: 'govuk-heading-m' }, 'Organisations'),
      paragraph(
        'The organisations whose people sign in with this provider. New people from these domains ask to join ' +
          'one of them, and its administrators approve them.',
      ),
      paragraph(
        'When the issuer serves several councils, give each organisation’s tenant ID: only people from that ' +
          'tenant can join it.',
      ),
      rows.element,
    ],
    area,
    submitLabel: provider ? 'Save changes' : 'Add identity provider',
    cancel: { href: back, text: 'Cancel' },
    check: problems,
    send: async () => {
      const body = answers()
      const saved = provider
        ? await api.put<IdentityProvider>(identityProvidersApiPath(provider.id), body)
        : await api.post<IdentityProvider>(identityProvidersApiPath(), body)
      navigate(back, {
        replace: true,
        flash: provider
          ? `Your changes to ${saved.name} have been saved`
          : `${saved.name} has been added as an identity provider`,
      })
    },
    problemErrors: (problem) => (problem.status === 422 ? serverErrors(problem, allFields(), answers()) : null),
  })

  const heading = provider ? `Change ${provider.name}` : 'Add an identity provider'
  return {
    title: heading,
    content: [
      twoThirds(
        h('a', { class: 'govuk-back-link', href: back }, 'Back'),
        area.element,
        caption('Identity providers'),
        pageHeading(heading),
        form,
      ),
      live.element,
    ],
  }
}

/** "/organisations/1/tenant_id" (a JSON pointer) as "organisations[1].tenant_id", the way the form names fields. */
function bracketed(serverField: string): string {
  if (!serverField.startsWith('/')) return serverField
  return serverField
    .slice(1)
    .split('/')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('')
}

/** The field a server error belongs on: the row's organisation for "organisations[1]", the box for "domains[0]". */
function formField(serverField: string, fields: Readonly<Record<string, Field>>): string {
  if (serverField in fields) return serverField
  const row = /^organisations\[(\d+)\]$/.exec(serverField)
  if (row && `${serverField}.organisation_id` in fields) return `${serverField}.organisation_id`
  const key = fieldKey(serverField)
  return key in fields ? key : ''
}

const fieldNames: Readonly<Record<string, string>> = {
  name: 'Name shown on sign-in',
  issuer: 'Issuer URL',
  client_id: 'Client ID',
  client_secret: 'Client secret',
  domains: 'Email domains',
  organisations: 'Organisations',
}

/** The server's words, which may start "must ...", as a sentence naming the field (and the domain or row). */
function sentence(serverField: string, message: string, sent: IdentityProviderSettings): string {
  if (!/^[a-z]/.test(message)) return message
  const domain = /^domains\[(\d+)\]/.exec(serverField)
  const row = /^organisations\[(\d+)\](?:\.(\w+))?/.exec(serverField)
  let subject = fieldNames[fieldKey(serverField)] ?? serverField
  if (domain) subject = `Email domain “${sent.domains[Number(domain[1])] ?? ''}”`
  else if (row && row[2] === 'tenant_id') subject = `Tenant ID of organisation ${Number(row[1]) + 1}`
  else if (row) subject = `Organisation ${Number(row[1]) + 1}`
  return /^(must|is|are|could|cannot|can|should|has|was)\b/.test(message)
    ? `${subject} ${message}`
    : `${subject}: ${message}`
}

function serverErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  sent: IdentityProviderSettings,
): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const serverField = bracketed(error.field)
    const field = formField(serverField, fields)
    const message = sentence(serverField, error.message, sent)
    // GOV.UK shows one message per field: the first one the server gave.
    if (field === '') errors.push({ field: '', message })
    else if (!errors.some((known) => known.field === field)) errors.push({ field, message })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}
