// Shapes of the directory API bodies (see "Directory" in the HTTP contract / schemas/openapi.yaml).

export type OrganisationKind = 'local_authority' | 'csw_office' | 'nhs_trust' | 'other'

export interface Region {
  code: string
  name: string
}

export interface RegionSummary extends Region {
  organisation_count: number
}

export interface Organisation {
  id: number
  kind: OrganisationKind
  name: string
  code: string
  dfe_la_code: number | null
  la_type: string | null
  region: Region | null
  london_subregion: string | null
  in_statistical_neighbour_model: boolean
}

export type NeighbourGroup = 'statistical' | 'region'

export interface Neighbour {
  rank: number | null
  closeness: string | null
  organisation: Organisation
}

export interface Neighbours {
  group: NeighbourGroup
  organisation_id: number
  items: Neighbour[]
}
