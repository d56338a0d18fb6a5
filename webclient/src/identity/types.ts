// Shapes of the identity API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components, operations } from '../api-types'

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

/**
 * How an organisation's people must sign in (GET and PUT /organisations/{id}/sign-in-policy): two-factor
 * authentication and, where an identity provider serves the organisation, its council account.
 */
export type SignInPolicy = Schemas['SignInPolicy']

/** The body of PUT /organisations/{id}/sign-in-policy: what it leaves out stays as it is. */
export type SignInPolicyChange = operations['setSignInPolicy']['requestBody']['content']['application/json']

/** The body of POST /auth/single-sign-on: `return_to` is a path on this site ("/discussions/4"). */
export type SingleSignOnRequest = operations['startSingleSignOn']['requestBody']['content']['application/json']

/** Where to send the browser to sign in with a council account (the answer to POST /auth/single-sign-on). */
export type SingleSignOnRedirect = operations['startSingleSignOn']['responses'][200]['content']['application/json']

/**
 * The answer to POST /auth/logout for a session that came from a provider which signs out too (200); other sessions
 * get 204 and no body.
 */
export type SignedOutOfProvider = operations['logout']['responses'][200]['content']['application/json']

/** Someone who signed in with their council account and waits for the organisation to approve their account. */
export type AccessRequest = Schemas['AccessRequest']

export type AccessRequestList = operations['listAccessRequests']['responses'][200]['content']['application/json']

/** The body of POST /organisations/{id}/access-requests/{request_id}/approval. */
export type AccessApproval = operations['approveAccessRequest']['requestBody']['content']['application/json']

/**
 * A member who may have left: they signed in with their council account, but have not for a while or their
 * council's sign-in refused them since (`refused_at`, with the provider's error code in `refusal`).
 */
export type PossibleLeaver = Schemas['PossibleLeaver']

/** The answer to GET /organisations/{id}/possible-leavers: `lapse_days` is how long counts as a while. */
export type PossibleLeaverList = operations['listPossibleLeavers']['responses'][200]['content']['application/json']
