// Shapes of the account self-service API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components, operations } from '../api-types'

type Schemas = components['schemas']

/** The body of PATCH /me: only the fields sent change. */
export type ProfileUpdate = Schemas['ProfileUpdate']

/** The body of POST /me/password. */
export type PasswordChange = Schemas['PasswordChange']

/** The body of POST /me/email. */
export type EmailChange = Schemas['EmailChange']

/** The body of POST /auth/password-reset. */
export type PasswordResetRequest = Schemas['PasswordResetRequest']

/** The body of POST /auth/password-reset/{token}. */
export type NewPassword = Schemas['NewPassword']

/** Which address a password reset or email confirmation link is for. */
export type AccountTokenPreview = Schemas['AccountTokenPreview']

/** One place the user is signed in (GET /me/sessions). */
export type AccountSession = Schemas['Session']

export type AccountSessionList = Schemas['SessionList']

/** The body of POST /me/deletion. */
export type AccountDeletion = operations['deleteMyAccount']['requestBody']['content']['application/json']

/** How long the service keeps its records, in days (GET /retention), for the privacy notice. */
export type Retention = operations['getRetention']['responses'][200]['content']['application/json']

/** Whether two-factor authentication is on for you, and whether it must be (GET /me/two-factor). */
export type TwoFactorStatus = Schemas['TwoFactorStatus']

/** The body of the two-factor changes that ask for your password (setup, new recovery codes, turning off). */
export type CurrentPassword = components['requestBodies']['CurrentPassword']['content']['application/json']
