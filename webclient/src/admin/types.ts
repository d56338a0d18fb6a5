// Shapes of the admin tools' API bodies, as generated from schemas/openapi.yaml into src/api-types.ts: the identity
// providers (councils' own sign-in, OpenID Connect).

import type { components, operations } from '../api-types'

type Schemas = components['schemas']

/** A council's sign-in (GET /identity-providers/{id}); its client secret is never sent back. */
export type IdentityProvider = Schemas['IdentityProvider']

/** An organisation an identity provider serves; `tenant_id` is its Microsoft Entra tenant, for a shared issuer. */
export type IdentityProviderOrganisation = IdentityProvider['organisations'][number]

export type IdentityProviderList = operations['listIdentityProviders']['responses'][200]['content']['application/json']

/** The body of POST /identity-providers, and of PUT /identity-providers/{id}, where no secret keeps the current one. */
export type IdentityProviderSettings = Schemas['IdentityProviderSettings']

/** One organisation in the body of POST and PUT /identity-providers. */
export type IdentityProviderOrganisationSettings = IdentityProviderSettings['organisations'][number]
