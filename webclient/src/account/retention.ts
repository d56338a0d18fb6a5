// How long PSW Network keeps its records, as this deployment is configured (GET /retention), for the privacy notice
// and the page deleting an account. Neither page fails when the periods cannot be read: each says so without numbers.

import * as api from '../api'
import { count } from '../shell/words'
import type { Retention } from './types'

/** The configured periods, or null when the service could not say; errors that are not the API's still fail. */
export async function loadRetention(): Promise<Retention | null> {
  try {
    return await api.get<Retention>('/retention')
  } catch (error) {
    if (!(error instanceof api.ApiProblem)) throw error
    console.warn('How long records are kept could not be loaded', error)
    return null
  }
}

/** "730 days (about 2 years)", "30 days (about 1 month)", "7 days". */
export function periodWords(days: number): string {
  const exact = count(days, 'day', 'days')
  const months = Math.round(days / 30.4375)
  if (months >= 24) return `${exact} (about ${count(Math.round(months / 12), 'year', 'years')})`
  if (days >= 28) return `${exact} (about ${count(months, 'month', 'months')})`
  return exact
}
