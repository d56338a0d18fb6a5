// Every organisation in the directory, by name, for the pages that choose one from a list (the library's filters,
// the organisations an identity provider serves), read again once an organisation has been added.

import * as api from '../api'
import type { Organisation } from './types'

let organisations: Promise<Organisation[]> | null = null

/** Every organisation, by name; read once a visit, as the directory rarely changes. */
export function loadOrganisations(): Promise<Organisation[]> {
  organisations ??= readAllOrganisations().catch((error: unknown) => {
    organisations = null
    throw error
  })
  return organisations
}

/** Reads the directory afresh next time: an organisation has been added. */
export function forgetOrganisations(): void {
  organisations = null
}

async function readAllOrganisations(): Promise<Organisation[]> {
  const all: Organisation[] = []
  let cursor: string | null = null
  do {
    const page: api.ListPage<Organisation> = await api.get('/organisations', { limit: 100, cursor })
    all.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return all.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
}
