// Shapes of the identity API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type Sector = Schemas['Sector']

export type Role = Schemas['Role']

export type OrganisationRef = Schemas['OrganisationRef']

/** Enough of an organisation (GET /organisations/{id}) to name it on its members' pages. */
export type OrganisationSummary = Pick<Schemas['Organisation'], 'id' | 'name'>

export type Me = Schemas['Me']

/** Whether someone is their organisation's Principal Social Worker, and for which services. */
export type PswRole = Schemas['PswRole']

/** The answer to POST /auth/login and POST /invitations/{token}/accept. */
export type SignedIn = Schemas['SessionGrant']

export type InvitationPreview = Schemas['InvitationPreview']

export type Invitation = Schemas['Invitation']

export type Member = Schemas['Member']

/** The body of POST /auth/login: `code` is the second factor, for an account with two-factor on or setting it up. */
export type Credentials = Schemas['LoginRequest']

/** A new authenticator to add to an app (POST /auth/two-factor-setup, POST /me/two-factor/setup). */
export type AuthenticatorSetup = Schemas['AuthenticatorSetup']

/** Recovery codes, shown once (POST /me/two-factor, POST /me/two-factor/recovery-codes). */
export type RecoveryCodes = Schemas['RecoveryCodes']

/** How an organisation's people must sign in (GET and PUT /organisations/{id}/sign-in-policy). */
export type SignInPolicy = Schemas['SignInPolicy']
