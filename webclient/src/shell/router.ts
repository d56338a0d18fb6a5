// Client-side routing with the History API: ordinary links and GET forms inside the page are handled here, so every
// page has a real URL that can be bookmarked, opened in a new tab (middle-click, Ctrl+click) or reloaded.

import { ApiProblem } from '../api'
import { replaceContent } from './dom'
import { forbiddenPage, notFoundPage, serviceProblemPage } from './error-pages'
import { initComponents } from './govuk'
import {
  type NavigationItem,
  focusMainHeading,
  focusNamedHeading,
  mainElement,
  setPageTitle,
  setTitleError,
  updateNavigation,
} from './layout'
import type { PageView, Route } from './page'

export interface RouterOptions {
  routes: readonly Route[]
  isSignedIn: () => boolean
}

let options: RouterOptions = { routes: [], isSignedIn: () => false }
let navigationCount = 0
let renderedLocation = ''
let pendingFlash: string | null = null
let currentPage = new AbortController()

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return returnTo === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ return_to: returnTo }).toString()}`
}

/** A return path is only ever a path on this site, never another origin. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  return value
}

export function currentPath(): string {
  return window.location.pathname + window.location.search
}

export function navigate(url: string, how: { replace?: boolean; flash?: string } = {}): void {
  pendingFlash = how.flash ?? null
  if (how.replace) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  window.scrollTo(0, 0)
  void render(true)
}

/**
 * Changes the address without showing another page: a message read from the query (such as the outcome of signing in
 * elsewhere) is shown once, and neither a reload nor a link within the page shows it again.
 */
export function replaceAddress(url: string): void {
  window.history.replaceState(window.history.state, '', url)
  renderedLocation = currentPath()
}

/** Leaves the service for another site, such as a council's sign-in: only ever an http or https address. */
export function leaveTo(url: string): void {
  const protocol = new URL(url, window.location.href).protocol
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`Refusing to leave for a ${protocol} address`)
  window.location.assign(url)
}

export function startRouter(routerOptions: RouterOptions): void {
  options = routerOptions
  document.addEventListener('click', onClick)
  document.addEventListener('submit', onSubmit)
  window.addEventListener('popstate', () => {
    // Tabs and in-page links change only the fragment; the page itself stays.
    if (currentPath() !== renderedLocation) void render(true)
  })
  void render(false)
}

function isInternalLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0) return null
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null
  const anchor = event.target instanceof Element ? event.target.closest('a') : null
  if (!(anchor instanceof HTMLAnchorElement) || !anchor.href || anchor.hasAttribute('download')) return null
  if (anchor.target && anchor.target !== '_self') return null
  const url = new URL(anchor.href)
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return null
  // Same page with a fragment: let the browser scroll (error summary links, tabs, skip link).
  if (url.hash && url.pathname + url.search === currentPath()) return null
  return anchor
}

function onClick(event: MouseEvent): void {
  const anchor = isInternalLink(event)
  if (!anchor) return
  event.preventDefault()
  const url = new URL(anchor.href)
  navigate(url.pathname + url.search + url.hash)
}

/** GET forms (search and filters) become navigations, so their state lives in the URL. */
function onSubmit(event: SubmitEvent): void {
  const form = event.target
  if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get') return
  const action = new URL(form.action || window.location.href)
  if (action.origin !== window.location.origin) return
  event.preventDefault()
  const query = new URLSearchParams()
  for (const [name, value] of new FormData(form, event.submitter)) {
    if (typeof value === 'string' && value.trim() !== '') query.append(name, value.trim())
  }
  const search = query.toString()
  navigate(action.pathname + (search ? `?${search}` : ''))
}

function match(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of options.routes) {
    const found = route.pattern.exec(path)
    if (found) return { route, params: { ...found.groups } }
  }
  return null
}

async function render(moveFocus: boolean): Promise<void> {
  navigationCount += 1
  const thisNavigation = navigationCount
  currentPage.abort()
  currentPage = new AbortController()
  const left = currentPage.signal
  const location = currentPath()
  renderedLocation = location
  const flash = pendingFlash
  pendingFlash = null

  const found = match(window.location.pathname)
  let view: PageView
  let navigation: NavigationItem | null = null
  if (!found) {
    view = notFoundPage()
  } else if (found.route.signedIn && !options.isSignedIn()) {
    navigate(signInPath(location), { replace: true })
    return
  } else {
    navigation = found.route.navigation
    const main = mainElement()
    main.setAttribute('aria-busy', 'true')
    try {
      const result = await found.route.page({
        params: found.params,
        query: new URLSearchParams(window.location.search),
        flash,
        left,
      })
      if (thisNavigation !== navigationCount) return
      if ('redirectTo' in result) {
        navigate(
          result.redirectTo,
          result.flash === undefined ? { replace: true } : { replace: true, flash: result.flash },
        )
        return
      }
      view = result
    } catch (error) {
      if (thisNavigation !== navigationCount) return
      // A 401 has already sent the user to sign in (see api.ts); the navigation that did it is under way.
      if (error instanceof ApiProblem && error.status === 401) return
      view = errorPage(error)
    } finally {
      if (thisNavigation === navigationCount) main.removeAttribute('aria-busy')
    }
  }
  show(view, navigation, moveFocus)
}

function errorPage(error: unknown): PageView {
  if (error instanceof ApiProblem && error.status === 404) return notFoundPage()
  if (error instanceof ApiProblem && error.status === 403) return forbiddenPage()
  console.error(error)
  return serviceProblemPage(error instanceof ApiProblem ? error.requestId : null)
}

function show(view: PageView, navigation: NavigationItem | null, moveFocus: boolean): void {
  const main = mainElement()
  replaceContent(main, view.content)
  initComponents(main)
  setPageTitle(view.title)
  // A page may arrive with errors already shown, read from its address: its title says so, as after sending a form.
  if (main.querySelector('.govuk-error-summary')) setTitleError(true)
  updateNavigation(navigation, options.isSignedIn())
  // A component may have taken focus already (an error summary, a success banner). On the first page of a visit
  // focus stays at the top, for the skip link, unless the address names a heading.
  if (main.contains(document.activeElement)) return
  if (moveFocus) focusMainHeading()
  else focusNamedHeading()
}
