// Builds DOM nodes from typed calls. Text always becomes text nodes, so data from the server can never turn into
// markup: nothing in the webclient assigns innerHTML.

export type Child = Node | string | number | null | undefined | false | readonly Child[]

export type Attributes = Readonly<Record<string, string | number | boolean | null | undefined>>

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return
  if (Array.isArray(child)) {
    for (const item of child as readonly Child[]) append(parent, item)
  } else if (child instanceof Node) {
    parent.appendChild(child)
  } else {
    parent.appendChild(document.createTextNode(String(child)))
  }
}

function setAttributes(element: Element, attributes: Attributes | null | undefined): void {
  if (!attributes) return
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue
    element.setAttribute(name, value === true ? '' : String(value))
  }
}

/** Creates an HTML element: h('a', { class: 'govuk-link', href }, 'text'). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  setAttributes(element, attributes)
  append(element, children)
  return element
}

const svgNamespace = 'http://www.w3.org/2000/svg'

/** Creates an SVG element, for the few icons GOV.UK components draw inline. */
export function svg(tag: string, attributes?: Attributes | null, ...children: Child[]): SVGElement {
  const element = document.createElementNS(svgNamespace, tag) as SVGElement
  setAttributes(element, attributes)
  append(element, children)
  return element
}

/** Groups nodes without a wrapper element. */
export function fragment(...children: Child[]): DocumentFragment {
  const result = document.createDocumentFragment()
  append(result, children)
  return result
}

/** Replaces the children of a container. */
export function replaceContent(container: Element, ...children: Child[]): void {
  container.replaceChildren(fragment(...children))
}

/** Joins class names, skipping empty ones. */
export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}
