// The home page: the person's work in the network. The open consultations and how far their authority's response
// has got, the questions waiting for their organisation and mentions of them, new answers in the discussions they
// follow, and new and widely used practice resources. Each source loads in parallel, and one that fails leaves the
// others showing.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { canManageMembers, refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import type { NotificationPage } from '../notifications/types'
import { h } from '../shell/dom'
import { link, pageHeading, paragraph } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { answersSection } from './answers'
import { consultationsSection, loadOpenConsultations } from './consultations'
import './home.css'
import { loadWaitingQuestions, questionsSection } from './questions'
import { loadPracticeResources, resourcesSection } from './resources'
import { settle } from './section'

/** How many unread notifications are read at once: mentions, replies and accepted answers are picked from them. */
const unreadLimit = 100

export async function homePage(): Promise<PageView> {
  const me = await refreshUser()
  const [organisation, consultations, questions, unread, resources] = await Promise.all([
    settle('Your organisation', api.get<Organisation>(`/organisations/${me.organisation.id}`)),
    settle('Open consultations', loadOpenConsultations()),
    settle('Questions for your organisation', loadWaitingQuestions(5)),
    settle('Unread notifications', api.get<NotificationPage>('/notifications', { unread: 'true', limit: unreadLimit })),
    settle('Practice resources', loadPracticeResources()),
  ])
  const place = organisation?.kind === 'local_authority' ? 'authority' : 'organisation'

  return {
    title: 'Your work',
    content: h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        pageHeading('Your work'),
        signedInAs(me),
        consultationsSection(organisation && consultations && { organisation, consultations }),
        questionsSection({ questions, unread, place }),
        answersSection(unread),
      ),
      h('div', { class: 'govuk-grid-column-one-third' }, resourcesSection(resources)),
    ),
  }
}

/** Who is signed in, and the way to their account (and, for their organisation's admins, to its members). */
function signedInAs(me: Me): HTMLElement {
  const organisationPath = `/organisations/${me.organisation.id}`
  return h(
    'div',
    { class: 'govuk-!-margin-bottom-8' },
    paragraph(
      'You are signed in as ',
      me.display_name,
      ', ',
      link(organisationPath, me.organisation.name),
      '. ',
      link('/account', 'Your account'),
    ),
    canManageMembers(me.organisation.id) &&
      paragraph(link(`${organisationPath}#members`, `Manage members of ${me.organisation.name}`)),
  )
}
