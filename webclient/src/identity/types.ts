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
