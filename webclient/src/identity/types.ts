// Shapes of the identity API bodies (see "Auth" in the HTTP contract / schemas/openapi.yaml).

export type Sector = 'children' | 'adults' | 'both'

export type Role = 'member' | 'org_admin' | 'csw_office' | 'moderator' | 'network_admin'

export interface OrganisationRef {
  id: number
  name: string
  code: string
}

/** Enough of an organisation to name it on its members' pages. */
export interface OrganisationSummary {
  id: number
  name: string
}

export interface Me {
  id: number
  email: string
  display_name: string
  organisation: OrganisationRef
  sector: Sector
  roles: Role[]
  csrf_token: string
}

/** The answer to POST /auth/login and POST /invitations/{token}/accept. */
export interface SignedIn {
  token: string
  csrf_token: string
  expires_at: string
  user: Me
}

export interface InvitationPreview {
  email: string
  organisation: OrganisationRef
  sector: Sector
  roles: Role[]
  expires_at: string
}

export interface Invitation {
  id: number
  email: string
  organisation_id: number
  sector: Sector
  roles: Role[]
  expires_at: string
  created_at: string
  accepted_at: string | null
}

export interface Member {
  id: number
  email: string
  display_name: string
  sector: Sector
  roles: Role[]
  disabled: boolean
  created_at: string
}
