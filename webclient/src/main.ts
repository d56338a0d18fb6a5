// Starts the webclient: GOV.UK Frontend's styles and scripts, the session, and the router with every page.

import 'govuk-frontend/dist/govuk/govuk-frontend.min.css'
import './app.css'

import { accountRoutes } from './account/routes'
import { mayAdminister } from './admin/admin'
import { adminRoutes } from './admin/routes'
import * as api from './api'
import { benchmarkingRoutes } from './benchmarking/routes'
import { consultationsRoutes } from './consultations/routes'
import { directoryRoutes } from './directory/routes'
import { forumRoutes } from './forum/routes'
import { groupsRoutes } from './groups/routes'
import { homeRoutes } from './home/routes'
import { identityRoutes } from './identity/routes'
import { isSignedIn, loadSession, onSessionChange, refreshUser, signedOut } from './identity/session'
import { libraryRoutes } from './library/routes'
import { meetingsRoutes } from './meetings/routes'
import { startNotificationCount, stopNotificationCount } from './notifications/notification-count'
import { notificationsRoutes } from './notifications/routes'
import * as realtime from './realtime/realtime'
import { searchRoutes } from './search/routes'
import { applyBranding, brandingFor } from './shell/branding'
import { replaceContent } from './shell/dom'
import { serviceProblemPage } from './shell/error-pages'
import { initComponents } from './shell/govuk'
import { mainElement, setPageTitle, setSessionNavigation } from './shell/layout'
import type { Route } from './shell/page'
import { currentPath, navigate, signInPath, startRouter } from './shell/router'

// GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are present.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

// Each capability publishes its own addresses. The router takes the first pattern that matches; every pattern is
// anchored at both ends and no two match the same path, so the order decides nothing today, but keep it stable.
const routes: Route[] = [
  ...homeRoutes,
  ...identityRoutes,
  ...accountRoutes,
  ...adminRoutes,
  ...directoryRoutes,
  ...forumRoutes,
  ...groupsRoutes,
  ...meetingsRoutes,
  ...notificationsRoutes,
  ...benchmarkingRoutes,
  ...consultationsRoutes,
  ...libraryRoutes,
  ...searchRoutes,
]

async function start(): Promise<void> {
  // The skip link, header and footer are in index.html, dressed for where the service runs; the router starts the
  // components of each page it shows.
  applyBranding(brandingFor(window.location.hostname))
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
      ...(user && mayAdminister() ? [{ nav: 'admin' as const, href: '/admin', label: 'Admin' }] : []),
    ])
  })

  api.onUnauthenticated(() => {
    signedOut()
    navigate(signInPath(currentPath()), { replace: true })
  })
  // A 401 here signs out through the handler above; anything else (offline, a restart) is worth reconnecting after.
  realtime.checkSessionWith(() =>
    refreshUser().then(
      () => true,
      (error: unknown) => !(error instanceof api.ApiProblem && error.status === 401),
    ),
  )

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
