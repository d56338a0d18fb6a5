// Search snippets: the server's excerpt of the matching text, HTML-escaped, with <mark> around the words that
// matched. It is parsed in an inert document and rebuilt from text and <mark> elements alone, so even a mistake on
// the server cannot put any other markup in the page.

import { h } from '../shell/dom'

/** The snippet as text with the matched words highlighted. */
export function snippet(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html').body
  const result = document.createDocumentFragment()
  for (const child of parsed.childNodes) appendClean(result, child, false)
  return result
}

function appendClean(parent: Node, node: Node, inMark: boolean): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''))
    return
  }
  if (!(node instanceof Element)) return
  // A mark inside a mark adds nothing; any other element is not expected and keeps only its text.
  const marks = node.tagName.toLowerCase() === 'mark' && !inMark
  const target = marks ? parent.appendChild(h('mark', { class: 'app-search-mark' })) : parent
  for (const child of node.childNodes) appendClean(target, child, inMark || marks)
}
