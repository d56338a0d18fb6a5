// Shapes of the benchmarking API bodies, as generated from schemas/openapi.yaml into src/api-types.ts.

import type { components } from '../api-types'

type Schemas = components['schemas']

export type Unit = Schemas['MetricUnit']

export type Polarity = Schemas['Polarity']

export type Group = Schemas['BenchmarkGroup']

/** A quartile band; where there may be none, the fields say `QuartileBand | null`. */
export type QuartileBand = NonNullable<Schemas['QuartileBand']>

export type Metric = Schemas['Metric']

export type MetricList = Schemas['MetricList']

export type Period = Schemas['PeriodInfo']

export type PeriodList = Schemas['PeriodList']

export type Publication = Schemas['Publication']

/** The DfE's "Statistical neighbours (median)": of the ten neighbours, the authority itself left out. */
export type NeighboursMedian = NonNullable<Schemas['NeighboursMedianOrNull']>

/** One figure as every endpoint reports it: a value, or the reason there is none. */
export type Figure = Schemas['Figure']

/** A member of the comparison group: the figure of one authority, with its rank. */
export type Member = Schemas['BenchmarkMember']

export type Comparison = Schemas['Comparison']

export type Trend = Schemas['Trend']

export type TrendItem = Schemas['TrendItem']

export type Dashboard = Schemas['Dashboard']

export type DashboardItem = Schemas['DashboardItem']

export type ImportReport = Schemas['ImportReport']

export type ImportList = Schemas['ImportList']

export type SubmissionStatus = Schemas['SubmissionStatus']

/** GET and PUT /organisations/{id}/metrics/{period}: official figures, the local submission and its history. */
export type SubmissionSheet = Schemas['OrganisationMetrics']
