// People asking to join an organisation, for its administrators: someone who signed in with their council account
// but has no account here waits until an administrator approves them (choosing the services they work in) or
// declines, each on a page of its own.

import * as api from '../api'
import { dateWords } from '../shell/dates'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { radios } from '../shell/fields'
import { MessageArea, apiForm } from '../shell/form'
import { buttonLink, caption, link, pageHeading, paragraph, twoThirds, visuallyHidden } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { scrollingTable, summaryList } from '../shell/tables'
import { sectorName, sectors } from '../shell/words'
import type { AccessApproval, AccessRequest, AccessRequestList, OrganisationSummary, Sector } from './types'

const headingId = 'access-requests'

function accessRequestsApiPath(organisationId: number): string {
  return `/organisations/${organisationId}/access-requests`
}

function requestPath(organisationId: number, request: AccessRequest, step: 'approve' | 'decline'): string {
  return `/organisations/${organisationId}/access-requests/${request.id}/${step}`
}

/** The organisation page at its people asking to join, and at its members once someone has been let in. */
function requestsOnPage(organisationId: number): string {
  return `/organisations/${organisationId}#${headingId}`
}

function membersOnPage(organisationId: number): string {
  return `/organisations/${organisationId}#members`
}

const serviceProblem = 'Sorry, there is a problem with the service. Try again later.'

/** What to tell an administrator when approving or declining did not work. */
function requestProblem(error: api.ApiProblem): string {
  if (error.isServiceFailure) {
    console.error(error)
    return serviceProblem
  }
  // 404: no longer waiting (approved or declined by someone else, or withdrawn); 409: approved meanwhile.
  if (error.status === 404 || error.status === 409) return 'This request has already been approved or declined.'
  return error.errors[0]?.message ?? (error.detail || error.title)
}

/**
 * The "People asking to join" part of the members section, or null when nobody is waiting; loads the list before
 * returning.
 */
export async function accessRequestsPart(organisation: OrganisationSummary): Promise<HTMLElement | null> {
  const requests = (await api.get<AccessRequestList>(accessRequestsApiPath(organisation.id))).items
  if (requests.length === 0) return null
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m', id: headingId }, 'People asking to join'),
    paragraph(
      `They signed in with their council account but do not have an account on PSW Network yet. When you approve ` +
        `someone, they become a member of ${organisation.name} and we email them.`,
    ),
    scrollingTable({
      caption: `People asking to join ${organisation.name}`,
      captionHidden: true,
      firstCellIsHeader: true,
      columns: [
        { header: 'Name' },
        { header: 'Email address' },
        { header: 'Signed in with' },
        { header: 'Asked' },
        { header: 'Actions' },
      ],
      rows: requests.map((request) => [
        request.display_name,
        request.email,
        request.provider_name,
        dateWords(request.requested_at),
        actionsFor(organisation.id, request),
      ]),
    }),
  )
}

function actionsFor(organisationId: number, request: AccessRequest): HTMLElement {
  const approve = buttonLink(
    requestPath(organisationId, request, 'approve'),
    ['Approve', visuallyHidden(` ${request.display_name}`)],
    'secondary',
  )
  const decline = buttonLink(
    requestPath(organisationId, request, 'decline'),
    ['Decline', visuallyHidden(` ${request.display_name}`)],
    'warning',
  )
  for (const action of [approve, decline]) action.classList.add('govuk-button--small')
  return h('div', { class: 'govuk-button-group' }, approve, decline)
}

interface RequestPage {
  organisation: OrganisationSummary
  request: AccessRequest | null
}

/** The organisation and the request the address names, if it is still waiting. */
async function loadRequest(context: PageContext): Promise<RequestPage> {
  const organisationId = Number(context.params['id'])
  const requestId = Number(context.params['request'])
  const [organisation, waiting] = await Promise.all([
    api.get<OrganisationSummary>(`/organisations/${organisationId}`),
    api.get<AccessRequestList>(accessRequestsApiPath(organisationId)),
  ])
  return { organisation, request: waiting.items.find((item) => item.id === requestId) ?? null }
}

function noLongerWaiting(organisation: OrganisationSummary): PageView {
  return messagePage(
    'Request not waiting',
    'This request is no longer waiting',
    paragraph('Someone has approved or declined it already.'),
    paragraph(link(membersOnPage(organisation.id), `See the members of ${organisation.name}`)),
  )
}

function requestSummary(request: AccessRequest): HTMLElement {
  return summaryList([
    { key: 'Name', value: request.display_name },
    { key: 'Email address', value: h('span', { class: 'app-break-anywhere' }, request.email) },
    { key: 'Signed in with', value: request.provider_name },
    { key: 'Asked', value: dateWords(request.requested_at) },
  ])
}

/** Approving someone: they become a member, working in the services chosen here. */
export async function approveAccessRequestPage(context: PageContext): Promise<PageView> {
  const { organisation, request } = await loadRequest(context)
  if (!request) return noLongerWaiting(organisation)

  const area = new MessageArea()
  const fields = {
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Which services do they work in?',
      legendClass: 'govuk-fieldset__legend--m',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [],
    }),
  }
  const chosen = (): Sector | null => sectors.find((sector) => sector === new FormData(form).get('sector')) ?? null
  const back = requestsOnPage(organisation.id)
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Approve',
    cancel: { href: back, text: 'Cancel' },
    check: () => (chosen() ? [] : [{ field: 'sector', message: 'Select which services they work in' }]),
    send: async () => {
      const approval: AccessApproval = { sector: chosen() ?? 'both' }
      await api.post<unknown>(`${accessRequestsApiPath(organisation.id)}/${request.id}/approval`, approval)
      navigate(membersOnPage(organisation.id), {
        replace: true,
        flash: `${request.display_name} is now a member of ${organisation.name}`,
      })
    },
    problemErrors: (problem) => (problem.status === 422 ? null : [{ field: '', message: requestProblem(problem) }]),
  })
  return {
    title: 'Approve a request to join',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(organisation.name),
      pageHeading('Approve a request to join'),
      requestSummary(request),
      paragraph(
        `They will become a member of ${organisation.name} and can sign in with their council account. We will ` +
          'email them to say so.',
      ),
      form,
    ),
  }
}

/** Declining someone, after asking: they get no account. */
export async function declineAccessRequestPage(context: PageContext): Promise<PageView> {
  const { organisation, request } = await loadRequest(context)
  if (!request) return noLongerWaiting(organisation)

  const area = new MessageArea()
  const back = requestsOnPage(organisation.id)
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Decline request',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Cancel' },
    check: () => [],
    send: async () => {
      await api.del<void>(`${accessRequestsApiPath(organisation.id)}/${request.id}`)
      navigate(membersOnPage(organisation.id), {
        replace: true,
        flash: `Request to join from ${request.display_name} declined`,
      })
    },
    problemErrors: (problem) => [{ field: '', message: requestProblem(problem) }],
  })
  return {
    title: 'Decline a request to join',
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(organisation.name),
      pageHeading('Are you sure you want to decline this request?'),
      requestSummary(request),
      paragraph(`They will not get an account on PSW Network as a member of ${organisation.name}.`),
      form,
    ),
  }
}
