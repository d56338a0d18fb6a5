// What a link to the new discussion page may start the form with (see newThreadPath): an organisation to address the
// question to, and a person to mention, as "Ask … a question" on an organisation's page links to it. A value that
// is not valid, or an organisation that does not exist, is ignored: the form starts as it usually does.

import * as api from '../api'
import type { OrganisationSummary } from '../identity/types'
import { newThreadParams } from './words'

export interface QuestionLink {
  organisation: OrganisationSummary | null
  /** A display name, to start the details with "@Display Name ". */
  mention: string | null
}

const organisationId = /^[1-9][0-9]{0,17}$/
/** The longest display name the server accepts, in characters. */
const maxNameLength = 100

export async function questionLink(query: URLSearchParams): Promise<QuestionLink> {
  return {
    organisation: await organisationOf(query.get(newThreadParams.organisation)),
    mention: mentionOf(query.get(newThreadParams.mention)),
  }
}

async function organisationOf(value: string | null): Promise<OrganisationSummary | null> {
  if (value === null || !organisationId.test(value)) return null
  try {
    const organisation = await api.get<OrganisationSummary>(`/organisations/${value}`)
    return { id: organisation.id, name: organisation.name }
  } catch (error) {
    if (error instanceof api.ApiProblem && (error.status === 404 || error.status === 422)) return null
    throw error
  }
}

/** A name on one line, as display names are; anything else is not a name. */
function mentionOf(value: string | null): string | null {
  const name = value?.trim() ?? ''
  if (!name || [...name].length > maxNameLength || /[\p{Cc}\p{Zl}\p{Zp}]/u.test(name)) return null
  return name
}
