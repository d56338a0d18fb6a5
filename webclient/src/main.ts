// Starts the webclient: GOV.UK Frontend's styles and scripts, the session, and the router with every page.

import 'govuk-frontend/dist/govuk/govuk-frontend.min.css'
import './app.css'

import * as api from './api'
import { dashboardPage } from './benchmarking/dashboard'
import { importsPage } from './benchmarking/imports'
import { metricPage } from './benchmarking/metric'
import { submissionsPage } from './benchmarking/submissions'
import { checkAnswersPage } from './consultations/check'
import { consultationPage } from './consultations/consultation'
import { consultationDashboardPage } from './consultations/dashboard'
import { deadlinePage } from './consultations/deadline'
import { editConsultationPage, newConsultationPage } from './consultations/editor'
import { closePage, publishPage } from './consultations/lifecycle'
import { consultationsPage } from './consultations/list'
import { respondPage } from './consultations/respond'
import { submittedPage } from './consultations/submitted'
import { organisationPage } from './directory/organisation'
import { organisationsPage } from './directory/organisations'
import { discussionsPage } from './forum/discussions'
import { mayModerate, moderationPage } from './forum/moderation'
import { newThreadPage } from './forum/new-thread'
import { startNotificationCount, stopNotificationCount } from './forum/notification-count'
import { notificationsPage } from './forum/notifications'
import { threadPage } from './forum/thread'
import { homePage } from './identity/home'
import { invitationPage } from './identity/invitation'
import { withdrawInvitationPage } from './identity/pending-invitations'
import { isSignedIn, loadSession, onSessionChange, signedOut } from './identity/session'
import { signInPage } from './identity/sign-in'
import { signOutPage } from './identity/sign-out'
import { deleteResourcePage } from './library/delete'
import { editResourcePage } from './library/edit-resource'
import { libraryPage } from './library/list'
import { newResourcePage } from './library/new-resource'
import { resourcePage } from './library/resource'
import { uploadPage } from './library/upload'
import * as realtime from './realtime/realtime'
import { replaceContent } from './shell/dom'
import { serviceProblemPage } from './shell/error-pages'
import { initComponents } from './shell/govuk'
import { mainElement, setPageTitle, setSessionNavigation } from './shell/layout'
import { type Route, currentPath, navigate, signInPath, startRouter } from './shell/router'

// GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are present.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const routes: Route[] = [
  { pattern: /^\/$/, signedIn: true, navigation: 'home', page: homePage },
  { pattern: /^\/sign-in$/, signedIn: false, navigation: null, page: signInPage },
  { pattern: /^\/sign-out$/, signedIn: false, navigation: null, page: signOutPage },
  { pattern: /^\/organisations$/, signedIn: true, navigation: 'organisations', page: organisationsPage },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'organisations',
    page: organisationPage,
  },
  {
    pattern: /^\/organisations\/(?<id>[1-9][0-9]{0,17})\/invitations\/(?<invitation>[1-9][0-9]{0,17})\/withdraw$/,
    signedIn: true,
    navigation: 'organisations',
    page: withdrawInvitationPage,
  },
  { pattern: /^\/discussions$/, signedIn: true, navigation: 'discussions', page: discussionsPage },
  { pattern: /^\/discussions\/new$/, signedIn: true, navigation: 'discussions', page: newThreadPage },
  {
    pattern: /^\/discussions\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'discussions',
    page: threadPage,
  },
  { pattern: /^\/benchmarking$/, signedIn: true, navigation: 'benchmarking', page: dashboardPage },
  {
    pattern: /^\/benchmarking\/metrics\/(?<key>[a-z][a-z0-9_]{1,62})$/,
    signedIn: true,
    navigation: 'benchmarking',
    page: metricPage,
  },
  { pattern: /^\/benchmarking\/submissions$/, signedIn: true, navigation: 'benchmarking', page: submissionsPage },
  { pattern: /^\/benchmarking\/imports$/, signedIn: true, navigation: 'benchmarking', page: importsPage },
  { pattern: /^\/consultations$/, signedIn: true, navigation: 'consultations', page: consultationsPage },
  { pattern: /^\/consultations\/new$/, signedIn: true, navigation: 'consultations', page: newConsultationPage },
  {
    pattern: /^\/consultations\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'consultations',
    page: consultationPage,
  },
  ...(
    [
      ['edit', editConsultationPage],
      ['publish', publishPage],
      ['close', closePage],
      ['deadline', deadlinePage],
      ['dashboard', consultationDashboardPage],
      ['respond', respondPage],
      ['check', checkAnswersPage],
      ['submitted', submittedPage],
    ] as const
  ).map(([step, page]) => ({
    pattern: new RegExp(`^/consultations/(?<id>[1-9][0-9]{0,17})/${step}$`),
    signedIn: true,
    navigation: 'consultations' as const,
    page,
  })),
  { pattern: /^\/library$/, signedIn: true, navigation: 'library', page: libraryPage },
  { pattern: /^\/library\/new$/, signedIn: true, navigation: 'library', page: newResourcePage },
  {
    pattern: /^\/library\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'library',
    page: resourcePage,
  },
  ...(
    [
      ['edit', editResourcePage],
      ['upload', uploadPage],
      ['delete', deleteResourcePage],
    ] as const
  ).map(([step, page]) => ({
    pattern: new RegExp(`^/library/(?<id>[1-9][0-9]{0,17})/${step}$`),
    signedIn: true,
    navigation: 'library' as const,
    page,
  })),
  { pattern: /^\/notifications$/, signedIn: true, navigation: 'notifications', page: notificationsPage },
  { pattern: /^\/moderation$/, signedIn: true, navigation: 'moderation', page: moderationPage },
  {
    pattern: /^\/invitations\/(?<token>[A-Za-z0-9_~.-]{1,200})$/,
    signedIn: false,
    navigation: null,
    page: invitationPage,
  },
]

async function start(): Promise<void> {
  // The skip link, header and footer are in index.html; the router starts the components of each page it shows.
  initComponents(document.body)

  // Signed in: live updates, the unread count and the personal navigation; signed out: none of them.
  onSessionChange((user) => {
    if (user) {
      realtime.connect(user.id)
      startNotificationCount(user)
    } else {
      stopNotificationCount()
      realtime.disconnect()
    }
    setSessionNavigation([
      { nav: 'notifications', href: '/notifications', label: 'Notifications' },
      ...(user && mayModerate() ? [{ nav: 'moderation' as const, href: '/moderation', label: 'Moderation' }] : []),
    ])
  })

  api.onUnauthenticated(() => {
    signedOut()
    navigate(signInPath(currentPath()), { replace: true })
  })

  try {
    await loadSession()
  } catch (error) {
    console.error(error)
    const page = serviceProblemPage(error instanceof api.ApiProblem ? error.requestId : null)
    replaceContent(mainElement(), page.content)
    setPageTitle(page.title)
    return
  }
  startRouter({ routes, isSignedIn })
}

void start()
