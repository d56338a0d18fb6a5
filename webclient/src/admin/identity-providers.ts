// Identity providers, for network administrators: the councils' own sign-in services (OpenID Connect) that people
// can sign in with instead of a password. The list, with the addresses to register at a provider, and removing one
// after asking on a page of its own; adding and changing one is identity-provider-form.ts.

import * as api from '../api'
import { hasRole } from '../identity/session'
import { dateWords } from '../shell/dates'
import { type Child, h } from '../shell/dom'
import { MessageArea, apiForm } from '../shell/form'
import { buttonLink, caption, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryCard, summaryList } from '../shell/tables'
import type { IdentityProvider, IdentityProviderList } from './types'

export const identityProviderPaths = {
  list: '/admin/identity-providers',
  add: '/admin/identity-providers/new',
  change: (id: number): string => `/admin/identity-providers/${id}`,
  remove: (id: number): string => `/admin/identity-providers/${id}/remove`,
} as const

/** The API's address of the providers, or of one. */
export function identityProvidersApiPath(id?: number): string {
  return id === undefined ? '/identity-providers' : `/identity-providers/${id}`
}

/** Whether the Admin page links here: the server decides who may see the providers. */
export function mayManageIdentityProviders(): boolean {
  return hasRole('network_admin')
}

/** A web address or an identifier, to copy exactly: in a fixed-width font, wrapping anywhere on a narrow screen. */
export function exactText(text: string): HTMLElement {
  return h('span', { class: 'app-reference app-break-anywhere' }, text)
}

/** The addresses a provider sends people back to, as the server gives them, or as it builds them when none exists. */
function addressesToRegister(providers: readonly IdentityProvider[]): { redirect: string; postLogout: string } {
  const first = providers[0]
  return {
    redirect: first?.redirect_uri ?? `${window.location.origin}/api/v1/auth/single-sign-on/callback`,
    postLogout: first?.post_logout_redirect_uri ?? `${window.location.origin}/signed-out`,
  }
}

export async function identityProvidersPage(context: PageContext): Promise<PageView> {
  const providers = (await api.get<IdentityProviderList>(identityProvidersApiPath())).items
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })
  const addresses = addressesToRegister(providers)
  return {
    title: 'Identity providers',
    content: [
      twoThirds(
        area.element,
        pageHeading('Identity providers'),
        paragraph(
          'Councils’ own sign-in services (OpenID Connect). People whose email address is at one of a provider’s ' +
            'domains can sign in to PSW Network with their council account instead of a password.',
        ),
        h('h2', { class: 'govuk-heading-m' }, 'Addresses to register at each provider'),
        paragraph(
          'When you register PSW Network with a council’s identity provider (in Microsoft Entra ID, as an app ' +
            'registration), give it these addresses.',
        ),
        summaryList([
          { key: 'Redirect URI', value: exactText(addresses.redirect) },
          { key: 'Post-logout redirect URI', value: exactText(addresses.postLogout) },
        ]),
        buttonLink(identityProviderPaths.add, 'Add an identity provider'),
      ),
      providers.length === 0
        ? twoThirds(paragraph('No identity providers have been added. Everyone signs in with their password.'))
        : providers.map(providerCard),
    ],
  }
}

function providerCard(provider: IdentityProvider): HTMLElement {
  return summaryCard(
    {
      title: provider.name,
      headingLevel: 'h2',
      id: `provider-${provider.id}`,
      actions: [
        { href: identityProviderPaths.change(provider.id), text: 'Change', visuallyHiddenText: provider.name },
        { href: identityProviderPaths.remove(provider.id), text: 'Remove', visuallyHiddenText: provider.name },
      ],
    },
    providerDetails(provider),
  )
}

/** What a provider is: where it is, what it is called there, and whom it serves. */
export function providerDetails(provider: IdentityProvider): HTMLElement {
  return summaryList([
    { key: 'Issuer URL', value: exactText(provider.issuer) },
    { key: 'Client ID', value: exactText(provider.client_id) },
    {
      key: 'Email domains',
      value: plainList(
        provider.domains.map((domain) => exactText(domain)),
        'None',
      ),
    },
    {
      key: 'Organisations',
      value: plainList(
        provider.organisations.map((organisation) => [
          link(`/organisations/${organisation.id}`, organisation.name),
          organisation.tenant_id &&
            h('div', { class: 'govuk-hint govuk-!-margin-bottom-0' }, 'Tenant ID: ', exactText(organisation.tenant_id)),
        ]),
        'None',
      ),
    },
    { key: 'Added', value: dateWords(provider.created_at) },
  ])
}

function plainList(items: readonly Child[], none: string): Child {
  if (items.length === 0) return none
  return h(
    'ul',
    { class: 'govuk-list' },
    items.map((item) => h('li', null, item)),
  )
}

/** Removing a provider, after asking: the people who signed in with it use their password or another provider. */
export async function removeIdentityProviderPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const provider = await api.get<IdentityProvider>(identityProvidersApiPath(id))
  const area = new MessageArea()
  const back = identityProviderPaths.list
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Remove identity provider',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Cancel' },
    check: () => [],
    send: async () => {
      await api.del<void>(identityProvidersApiPath(id))
      navigate(back, {
        replace: true,
        flash:
          `${provider.name} has been removed. People who signed in with it must now use their password or ` +
          'another provider.',
      })
    },
    problemErrors: (problem) =>
      problem.status === 404 ? [{ field: '', message: 'This identity provider has already been removed.' }] : null,
  })
  return {
    title: 'Remove identity provider',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption('Identity providers'),
      pageHeading('Are you sure you want to remove this identity provider?'),
      h('h2', { class: 'govuk-heading-m' }, provider.name),
      providerDetails(provider),
      warningText(
        'People who signed in with it will no longer be able to. They must use their password or another provider.',
      ),
      form,
    ),
  }
}
