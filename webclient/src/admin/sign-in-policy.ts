// "How people sign in": for an organisation's administrators and network admins, on the organisation's page, whether
// everyone there must use two-factor authentication, and since when.

import * as api from '../api'
import type { OrganisationSummary, SignInPolicy } from '../identity/types'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { checkboxes } from '../shell/fields'
import { MessageArea, apiForm } from '../shell/form'
import { paragraph, twoThirds } from '../shell/govuk'

/** Builds the section once the organisation's policy has been read. */
export async function signInPolicySection(organisation: OrganisationSummary): Promise<HTMLElement> {
  const path = `/organisations/${organisation.id}/sign-in-policy`
  const policy = await api.get<SignInPolicy>(path)
  const area = new MessageArea()
  const since = h('div')
  const showSince = (shown: SignInPolicy): void =>
    replaceContent(
      since,
      shown.two_factor_required && shown.two_factor_required_since
        ? paragraph(`Required since ${dateWords(shown.two_factor_required_since)}.`)
        : paragraph('Not required. People can choose to use it.'),
    )
  showSince(policy)

  const fields = {
    two_factor_required: checkboxes({
      id: 'two-factor-required',
      name: 'two_factor_required',
      legend: 'Two-factor authentication',
      legendClass: 'govuk-fieldset__legend--s',
      hint:
        'People who have not set it up yet get some time to do so. After that, they set it up the next time they ' +
        'sign in.',
      choices: [{ value: 'yes', text: `Require two-factor authentication for everyone at ${organisation.name}` }],
      values: policy.two_factor_required ? ['yes'] : [],
      small: true,
    }),
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Save sign-in settings',
    check: () => [],
    send: async () => {
      const required = new FormData(form).get('two_factor_required') === 'yes'
      const saved = await api.put<SignInPolicy>(path, { two_factor_required: required })
      showSince(saved)
      area.showBanner(fields, {
        success: true,
        heading: saved.two_factor_required
          ? `Everyone at ${organisation.name} must now use two-factor authentication`
          : `People at ${organisation.name} no longer have to use two-factor authentication`,
      })
    },
  })

  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'sign-in-policy' },
    twoThirds(
      area.element,
      h('h2', { class: 'govuk-heading-l', id: 'sign-in-policy' }, 'How people sign in'),
      paragraph(
        'With two-factor authentication, people enter a security code from an authenticator app as well as their ' +
          'password when they sign in. Network administrators and the Chief Social Worker’s office always use it.',
      ),
      since,
      form,
    ),
  )
}
