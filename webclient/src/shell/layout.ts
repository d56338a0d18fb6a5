// The parts of the page around <main> that change as the user moves around: the title, the service navigation and
// where keyboard and screen reader focus lands after a page change.

import { fragment, h } from './dom'

export const serviceName = 'PSW Network'

export type NavigationItem =
  | 'home'
  | 'discussions'
  | 'groups'
  | 'library'
  | 'organisations'
  | 'benchmarking'
  | 'consultations'
  | 'notifications'
  | 'admin'
  | 'account'
  | 'search'

let pageTitle = serviceName
let titleHasError = false

function writeTitle(): void {
  document.title = `${titleHasError ? 'Error: ' : ''}${pageTitle} – ${serviceName}`
}

/** Sets the document title as "<Page> – PSW Network". */
export function setPageTitle(title: string): void {
  pageTitle = title
  titleHasError = false
  writeTitle()
}

/** GOV.UK pages start their title with "Error: " while a form shows errors. */
export function setTitleError(hasError: boolean): void {
  titleHasError = hasError
  writeTitle()
}

export function mainElement(): HTMLElement {
  const main = document.getElementById('main-content')
  if (!main) throw new Error('index.html has no #main-content')
  return main
}

export interface SessionNavigationItem {
  nav: NavigationItem
  href: string
  label: string
}

export interface NavigationBadge {
  count: number
  /** Read after the item's name: "Notifications, 3 unread". */
  description: string
  /** Read after "Menu" on small screens, where the item is out of sight: "Menu, 3 unread notifications". */
  menuDescription: string
}

let sessionItems: readonly SessionNavigationItem[] = []
const badges = new Map<NavigationItem, NavigationBadge>()

/** The items that only signed-in users see, after the sections, such as their notifications. */
export function setSessionNavigation(items: readonly SessionNavigationItem[]): void {
  sessionItems = items
}

/**
 * Shows a count beside a navigation item and, on small screens where the menu hides the item, beside "Menu"; a
 * count of 0 removes it.
 */
export function setNavigationBadge(nav: NavigationItem, badge: NavigationBadge): void {
  if (badge.count > 0) badges.set(nav, badge)
  else badges.delete(nav)
  const item = document.querySelector<HTMLLIElement>(`#navigation li[data-nav="${nav}"]`)
  if (item) drawItem(item, item.classList.contains('govuk-service-navigation__item--active'))
  drawMenuToggle()
}

function badgeElement(count: number): HTMLElement {
  return h('span', { class: 'app-navigation-badge', 'aria-hidden': 'true' }, String(count))
}

function drawItem(item: HTMLLIElement, active: boolean): void {
  const anchor = item.querySelector('a')
  if (!anchor) return
  anchor.dataset['label'] ??= anchor.textContent?.trim() ?? ''
  const text = anchor.dataset['label']
  const badge = badges.get(item.dataset['nav'] as NavigationItem)
  const content = [
    active ? h('strong', { class: 'govuk-service-navigation__active-fallback' }, text) : text,
    badge && [' ', badgeElement(badge.count)],
  ]
  // The label reads "Notifications, 3 unread": the visible words and number, in order, so speech users can say them.
  if (badge) anchor.setAttribute('aria-label', `${text}, ${badge.description}`)
  else anchor.removeAttribute('aria-label')
  item.classList.toggle('govuk-service-navigation__item--active', active)
  if (active) anchor.setAttribute('aria-current', 'page')
  else anchor.removeAttribute('aria-current')
  anchor.replaceChildren(fragment(content))
}

/** "Menu" with the counts of the items it hides; GOV.UK Frontend shows the button only on small screens. */
function drawMenuToggle(): void {
  const toggle = document.querySelector<HTMLButtonElement>('.govuk-js-service-navigation-toggle')
  if (!toggle) return
  const shown = [...badges.values()]
  const total = shown.reduce((sum, badge) => sum + badge.count, 0)
  if (total > 0) toggle.setAttribute('aria-label', ['Menu', ...shown.map((badge) => badge.menuDescription)].join(', '))
  else toggle.removeAttribute('aria-label')
  toggle.replaceChildren(fragment('Menu', total > 0 && [' ', badgeElement(total)]))
}

function sessionItem(entry: SessionNavigationItem): HTMLLIElement {
  return h(
    'li',
    { class: 'govuk-service-navigation__item', 'data-nav': entry.nav, 'data-session': '' },
    h('a', { class: 'govuk-service-navigation__link', href: entry.href }, entry.label),
  )
}

/** The header's links that stand for a part of the service, beside "Sign out". */
const headerLinks: Partial<Record<NavigationItem, string>> = { search: '/search', account: '/account' }

/**
 * Marks the current section in the service navigation (or "Search" or "Your account" in the header) and shows the
 * signed-in items, and the header's "Search", "Your account" and "Sign out", only to signed-in users.
 */
export function updateNavigation(current: NavigationItem | null, signedIn: boolean): void {
  const list = document.getElementById('navigation')
  if (!list) return
  for (const item of list.querySelectorAll<HTMLLIElement>('li[data-session]')) item.remove()
  if (signedIn) list.append(...sessionItems.map(sessionItem))
  for (const item of list.querySelectorAll<HTMLLIElement>('li[data-nav]')) {
    drawItem(item, item.dataset['nav'] === current)
  }
  const account = document.querySelector<HTMLElement>('.app-header__account')
  if (account) account.hidden = !signedIn
  for (const [nav, href] of Object.entries(headerLinks)) {
    const headerLink = account?.querySelector(`a[href="${href}"]`)
    if (current === nav) headerLink?.setAttribute('aria-current', 'page')
    else headerLink?.removeAttribute('aria-current')
  }
}

function focusWithoutOutline(target: HTMLElement): void {
  target.setAttribute('tabindex', '-1')
  target.classList.add('app-focus-target')
  target.focus({ preventScroll: true })
}

/** Moves focus to the heading the URL's fragment names (such as #members), if the page has it. */
export function focusNamedHeading(): boolean {
  const id = decodeURIComponent(window.location.hash.slice(1))
  const named = id ? document.getElementById(id) : null
  if (!named || !/^H[1-6]$/.test(named.tagName) || !mainElement().contains(named)) return false
  focusWithoutOutline(named)
  named.scrollIntoView()
  return true
}

/** After a page change, move focus to the page's h1 (or the heading the URL names) so screen readers announce it. */
export function focusMainHeading(): void {
  if (focusNamedHeading()) return
  const main = mainElement()
  focusWithoutOutline(main.querySelector<HTMLElement>('h1') ?? main)
}
