// Whose brand the page wears. GOV.UK's logotype, crown, Crown copyright and favicons belong only to services on
// GOV.UK, so index.html carries PSW Network's own header and footer, and a deployment on a service.gov.uk address
// swaps in the GOV.UK parts that index.html keeps in <template> elements.

import govukFaviconIco from 'govuk-frontend/dist/govuk/assets/images/favicon.ico?url'
import govukFaviconSvg from 'govuk-frontend/dist/govuk/assets/images/favicon.svg?url'
import govukTouchIcon from 'govuk-frontend/dist/govuk/assets/images/govuk-icon-180.png?url'
import { h } from './dom'

export type Branding = 'govuk' | 'own'

/** GOV.UK's branding only on a host under service.gov.uk ("psw-network.service.gov.uk"), never a lookalike. */
export function brandingFor(hostname: string): Branding {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  return host.endsWith('.service.gov.uk') ? 'govuk' : 'own'
}

/** Dresses the page for `branding`; `<html data-branding>` says which it wears. Call once, before the router starts. */
export function applyBranding(branding: Branding): void {
  document.documentElement.dataset['branding'] = branding
  if (branding === 'govuk') wearGovukBranding()
}

function templateContent(id: string): DocumentFragment {
  const template = document.getElementById(id)
  if (!(template instanceof HTMLTemplateElement)) throw new Error(`index.html has no <template id="${id}">`)
  return template.content.cloneNode(true) as DocumentFragment
}

function part(selector: string): Element {
  const element = document.querySelector(selector)
  if (!element) throw new Error(`index.html has no ${selector}`)
  return element
}

function wearGovukBranding(): void {
  // The header: the GOV.UK logotype instead of the service name, with the same "Search", "Your account" and "Sign out"
  // links.
  const ownHeader = part('[data-branding-part="header"]')
  const govukHeader = templateContent('govuk-header')
  govukHeader.querySelector('.app-header')?.append(part('.app-header__account'))
  ownHeader.replaceWith(govukHeader)

  // The service name moves into the service navigation, which becomes the "Service information" region.
  const navigation = part('.govuk-service-navigation')
  navigation.setAttribute('aria-label', 'Service information')
  part('.govuk-service-navigation__container').prepend(templateContent('govuk-service-name'))

  // The footer: the crown above, the Open Government Licence and Crown copyright.
  const meta = part('.govuk-footer__meta')
  meta.before(templateContent('govuk-footer-crown'))
  part('[data-branding-part="licence"]').append(templateContent('govuk-footer-licence'))
  meta.append(templateContent('govuk-footer-copyright'))

  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', '#1d70b8')
  for (const icon of document.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"]')) icon.remove()
  document.head.append(
    h('link', { rel: 'icon', sizes: '48x48', href: govukFaviconIco }),
    h('link', { rel: 'icon', sizes: 'any', href: govukFaviconSvg, type: 'image/svg+xml' }),
    h('link', { rel: 'apple-touch-icon', href: govukTouchIcon }),
  )
}
