// The parts of the page around <main> that change as the user moves around: the title, the service navigation and
// where keyboard and screen reader focus lands after a page change.

import { h } from './dom'

export const serviceName = 'PSW Network'

export type NavigationItem = 'home' | 'organisations'

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

/** Marks the current section in the service navigation and shows "Sign out" only to signed-in users. */
export function updateNavigation(current: NavigationItem | null, signedIn: boolean): void {
  const list = document.getElementById('navigation')
  if (!list) return
  for (const item of list.querySelectorAll<HTMLLIElement>('li[data-nav]')) {
    const active = item.dataset['nav'] === current
    const anchor = item.querySelector('a')
    if (!anchor) continue
    item.classList.toggle('govuk-service-navigation__item--active', active)
    const text = anchor.textContent?.trim() ?? ''
    if (active) {
      anchor.setAttribute('aria-current', 'page')
      anchor.replaceChildren(h('strong', { class: 'govuk-service-navigation__active-fallback' }, text))
    } else {
      anchor.removeAttribute('aria-current')
      anchor.replaceChildren(text)
    }
  }
  let signOut = list.querySelector<HTMLLIElement>('li[data-sign-out]')
  if (signedIn && !signOut) {
    signOut = h(
      'li',
      { class: 'govuk-service-navigation__item', 'data-sign-out': '' },
      h('a', { class: 'govuk-service-navigation__link', href: '/sign-out' }, 'Sign out'),
    )
    list.append(signOut)
  } else if (!signedIn && signOut) {
    signOut.remove()
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
