// The only place where HTML from outside the webclient enters a page: the body_html of posts and revisions, which
// the server renders from Markdown with cmark-gfm in safe mode. It is parsed in an inert document and rebuilt from
// an allowlist of elements and attributes, so even a mistake on the server cannot run script or load from another
// origin; headings fit under the page's own, and the elements get their GOV.UK classes.

const classesByTag: Readonly<Record<string, string>> = {
  p: 'govuk-body',
  ul: 'govuk-list govuk-list--bullet',
  ol: 'govuk-list govuk-list--number',
  a: 'govuk-link',
  blockquote: 'govuk-inset-text',
  table: 'govuk-table',
  thead: 'govuk-table__head',
  tbody: 'govuk-table__body',
  tr: 'govuk-table__row',
  th: 'govuk-table__header',
  td: 'govuk-table__cell',
  pre: 'app-code-block',
  hr: 'govuk-section-break govuk-section-break--m govuk-section-break--visible',
  h: 'govuk-heading-s',
}

const keptTags = new Set([...Object.keys(classesByTag), 'br', 'em', 'strong', 'del', 's', 'code', 'li', 'sup', 'sub'])

/** Elements whose content is dropped with them rather than kept as text. */
const droppedTags = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math'])

const safeLink = /^(https?:|mailto:|\/(?!\/)|#)/i

/**
 * Builds the DOM of server-rendered post HTML. `headingLevel` is the level the body's top headings become (a
 * post under an h3 passes 4); deeper headings keep their distance, down to h6.
 */
export function postHtml(html: string, headingLevel: number): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html').body
  const levels = [...parsed.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1]))
  const shift = headingLevel - Math.min(6, ...levels)
  const result = document.createDocumentFragment()
  for (const child of parsed.childNodes) appendClean(result, child, shift)
  return result
}

function appendClean(parent: Node, node: Node, headingShift: number): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''))
    return
  }
  if (!(node instanceof Element)) return
  const name = node.tagName.toLowerCase()
  if (droppedTags.has(name)) return
  const clean = cleanElement(node, name, headingShift)
  if (clean === null) {
    // Unknown markup: keep what it says, without the markup.
    for (const child of node.childNodes) appendClean(parent, child, headingShift)
    return
  }
  parent.appendChild(clean)
  if (clean.childNodes.length === 0) for (const child of node.childNodes) appendClean(clean, child, headingShift)
}

function cleanElement(source: Element, name: string, headingShift: number): Node | null {
  const heading = /^h([1-6])$/.exec(name)
  if (heading) {
    const level = Math.min(6, Math.max(1, Number(heading[1]) + headingShift))
    return withClass(document.createElement(`h${level}`), classesByTag['h'])
  }
  switch (name) {
    case 'a':
      return cleanLink(source.getAttribute('href'))
    case 'img':
      // Images could come from anywhere: show a link to them instead, named by their alternative text.
      return imageLink(source.getAttribute('src'), source.getAttribute('alt'))
    case 'input':
      // GitHub task lists: a disabled checkbox becomes words a screen reader can say.
      return document.createTextNode(source.hasAttribute('checked') ? '[done] ' : '[to do] ')
    case 'ol': {
      const list = withClass(document.createElement('ol'), classesByTag['ol'])
      const start = Number(source.getAttribute('start'))
      if (Number.isInteger(start) && start > 1) list.setAttribute('start', String(start))
      return list
    }
    default:
      return keptTags.has(name) ? withClass(document.createElement(name), classesByTag[name]) : null
  }
}

function cleanLink(href: string | null): Element {
  if (!href || !safeLink.test(href.trim())) return document.createElement('span')
  const link = withClass(document.createElement('a'), classesByTag['a'])
  link.setAttribute('href', href.trim())
  link.setAttribute('rel', 'nofollow noopener')
  return link
}

function imageLink(src: string | null, alt: string | null): Element {
  const text = document.createTextNode(alt?.trim() ? `Image: ${alt.trim()}` : 'Image')
  const link = cleanLink(src)
  link.appendChild(text)
  return link
}

function withClass(element: Element, className: string | undefined): Element {
  if (className) element.setAttribute('class', className)
  return element
}
