// The link that downloads everything PSW Network holds about the signed-in person, which "Your account", deleting
// an account and the privacy notice all offer.

import { h } from '../shell/dom'
import { accountPaths } from './words'

/**
 * An API address with `download`: the browser sends the session cookie and saves the ZIP instead of routing to it.
 * Its text says the link gives a file, and of which kind: "Download your data (ZIP file)".
 */
export function dataDownloadLink(text: string): HTMLAnchorElement {
  return h('a', { class: 'govuk-link', href: accountPaths.dataDownload, download: '' }, `${text} (ZIP file)`)
}
