// What a page is, as the router, the error pages and every capability's routes see it: the address it answers, the
// context it is given, and the view (or redirect) it returns.

import type { Child } from './dom'
import type { NavigationItem } from './layout'

export interface PageView {
  title: string
  content: Child
}

export interface Redirect {
  redirectTo: string
  flash?: string
}

export interface PageContext {
  params: Readonly<Record<string, string>>
  query: URLSearchParams
  /** A message left by the page that sent the user here, such as "You have signed out". */
  flash: string | null
  /** Aborts when the user leaves the page (or a newer navigation replaces it): live subscriptions end with it. */
  left: AbortSignal
}

export type Page = (context: PageContext) => Promise<PageView | Redirect>

export interface Route {
  /** Matched against the whole path; named groups become params. */
  pattern: RegExp
  /** Pages for signed-in users send everyone else to sign in first. */
  signedIn: boolean
  navigation: NavigationItem | null
  page: Page
}

/** A page's answer that sends the user on to `to`, with a message for the page there. */
export function redirect(to: string, flash?: string): Redirect {
  return flash === undefined ? { redirectTo: to } : { redirectTo: to, flash }
}

/**
 * The routes of the pages about one item, `{base}/{id}/{step}` ("/library/12/edit"), all under one navigation item.
 * `id` becomes the `id` param, as for the item's own page.
 */
export function itemStepRoutes(
  base: string,
  navigation: NavigationItem,
  steps: readonly (readonly [step: string, page: Page])[],
): Route[] {
  return steps.map(([step, page]) => ({
    pattern: new RegExp(`^${base}/(?<id>[1-9][0-9]{0,17})/${step}$`),
    signedIn: true,
    navigation,
    page,
  }))
}
