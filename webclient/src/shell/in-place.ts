// Showing what happened in place of a page's form, at the same address: a link sent, a password reset, the next
// step of signing in. The form cannot be sent twice by going back, and focus moves as after a page change.

import { replaceContent } from './dom'
import { initComponents } from './govuk'
import { focusMainHeading, setPageTitle } from './layout'
import type { PageView } from './page'

/**
 * Replaces the container's content with `view`, retitles the page and moves focus to its new heading, unless one of
 * its components (an error summary) took focus as it started.
 */
export function showInPlace(container: HTMLElement, view: PageView): void {
  replaceContent(container, view.content)
  setPageTitle(view.title)
  initComponents(container)
  if (!container.contains(document.activeElement)) focusMainHeading()
}
