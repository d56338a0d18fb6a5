// Shapes of the benchmarking API bodies (see "Benchmarking" in schemas/openapi.yaml).

import type { OrganisationRef, Sector } from '../identity/types'

export type Unit = 'count' | 'fte' | 'percent' | 'cases_per_fte' | 'days'

export type Polarity = 'lower_is_better' | 'higher_is_better' | 'neutral'

export type Group = 'statistical' | 'region' | 'england'

export type QuartileBand = 'lowest' | 'lower_middle' | 'upper_middle' | 'highest'

export interface Metric {
  key: string
  name: string
  unit: Unit
  sector: Sector
  polarity: Polarity
  definition: string
  source: string
  official: boolean
  position: number
}

export interface Period {
  period: string
  label: string
  official: boolean
  local: boolean
}

/** One figure as every endpoint reports it: a value, or the reason there is none. */
export interface Figure {
  value: number | null
  status: 'value' | 'suppressed' | 'missing'
  suppression: string | null
  reason: string | null
  source: 'dfe' | 'import' | 'local' | null
  joint_return: boolean
  joint_with: string | null
}

export interface Member extends Figure {
  organisation: OrganisationRef
  is_subject: boolean
  neighbour_rank: number | null
  closeness: string | null
  rank: number | null
}

export interface Statistics {
  count: number
  median: number | null
  lower_quartile: number | null
  upper_quartile: number | null
  mean: number | null
  min: number | null
  max: number | null
}

/** A published England, region or Inner/Outer London figure. */
export interface AreaFigure extends Figure {
  area_code: string
  name: string
}

export interface Comparison {
  organisation: OrganisationRef
  metric: Metric
  period: string
  group: Group
  group_name: string
  subject: Member
  rank: number | null
  ranked_count: number
  quartile_band: QuartileBand | null
  statistics: Statistics
  members: Member[]
  reference: { england: AreaFigure | null; region: AreaFigure | null; london_subregion: AreaFigure | null }
}

export interface TrendItem extends Figure {
  period: string
  rank: number | null
  ranked_count: number
  quartile_band: QuartileBand | null
  median: number | null
  lower_quartile: number | null
  upper_quartile: number | null
  count: number
  england: AreaFigure | null
  region: AreaFigure | null
}

export interface Trend {
  organisation: OrganisationRef
  metric: Metric
  group: Group
  group_name: string
  items: TrendItem[]
}

export interface DashboardItem extends Figure {
  metric: Metric
  median: number | null
  count: number
  rank: number | null
  ranked_count: number
  quartile_band: QuartileBand | null
  previous: Figure | null
  change: number | null
  direction: 'up' | 'down' | 'same' | null
  assessment: 'better' | 'worse' | 'same' | null
}

export interface Dashboard {
  organisation: OrganisationRef
  period: string
  previous_period: string | null
  group: Group
  group_name: string
  items: DashboardItem[]
}

export interface Person {
  id: number
  display_name: string
}

export interface ImportReport {
  id: number
  format: 'dfe_csww' | 'long'
  filename: string | null
  sha256: string
  status: 'imported' | 'unchanged'
  rows_read: number
  values_imported: number
  values_created: number
  values_updated: number
  values_unchanged: number
  values_suppressed: number
  reference_rows: number
  joint_rows: number
  periods: string[]
  rows_rejected: { row: number; code: string; name: string; reason: string }[]
  imported_by: Person
  created_at: string
}

export type SubmissionStatus = 'draft' | 'shared'

export interface SubmissionRevision {
  revision: number
  status: SubmissionStatus
  values: Record<string, number | null>
  changed_by: Person
  changed_at: string
}

/** GET and PUT /organisations/{id}/metrics/{period}. */
export interface SubmissionSheet {
  organisation: OrganisationRef
  period: string
  /** The period in words, as the periods list labels it. */
  label: string
  official: Record<string, Figure>
  submission: {
    status: SubmissionStatus
    values: Record<string, number | null>
    revision: number
    updated_at: string
    updated_by: Person
  } | null
  history: SubmissionRevision[]
  may_edit: boolean
}
