// "How people sign in": for an organisation's administrators and network admins, on the organisation's page, whether
// everyone there must use two-factor authentication and, where an identity provider serves the organisation, whether
// they must sign in with their council account rather than a password, and since when.

import * as api from '../api'
import type { OrganisationSummary, SignInPolicy, SignInPolicyChange } from '../identity/types'
import { dateWords } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { type Field, checkboxes } from '../shell/fields'
import { MessageArea, apiForm } from '../shell/form'
import { paragraph, twoThirds } from '../shell/govuk'

/** Builds the section once the organisation's policy has been read. */
export async function signInPolicySection(organisation: OrganisationSummary): Promise<HTMLElement> {
  const path = `/organisations/${organisation.id}/sign-in-policy`
  let policy = await api.get<SignInPolicy>(path)
  const area = new MessageArea()
  const since = h('div')
  const councilSince = h('span')
  const showSince = (shown: SignInPolicy): void => {
    replaceContent(
      since,
      shown.two_factor_required && shown.two_factor_required_since
        ? paragraph(`Required since ${dateWords(shown.two_factor_required_since)}.`)
        : paragraph('Not required. People can choose to use it.'),
    )
    councilSince.textContent =
      shown.single_sign_on_required && shown.single_sign_on_required_since
        ? `Council sign-in has been required since ${dateWords(shown.single_sign_on_required_since)}.`
        : 'Not required: people can sign in with their council account or with their password.'
  }
  showSince(policy)

  // Only where a provider serves the organisation: requiring it anywhere else would leave nobody a way in. Still
  // shown where it is required but its provider has gone, so that it can be turned off.
  const councilSignIn = policy.single_sign_on_available || policy.single_sign_on_required
  const providerGone = !policy.single_sign_on_available
  const fields: Record<string, Field> = {
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
  if (councilSignIn) {
    fields['single_sign_on_required'] = checkboxes({
      id: 'single-sign-on-required',
      name: 'single_sign_on_required',
      legend: 'Council sign-in',
      legendClass: 'govuk-fieldset__legend--s',
      hint: [
        councilSince,
        ` When it is required, people at ${organisation.name} can no longer sign in with a password.`,
        providerGone &&
          ` No council sign-in is set up for ${organisation.name} any more: untick this to let people sign in ` +
            'with their password.',
      ],
      choices: [{ value: 'yes', text: 'Require sign-in with the council account' }],
      values: policy.single_sign_on_required ? ['yes'] : [],
      small: true,
    })
  }

  const form = apiForm({
    fields,
    content: [since, fields['two_factor_required']?.element, fields['single_sign_on_required']?.element],
    area,
    submitLabel: 'Save sign-in settings',
    check: () => [],
    send: async () => {
      const answers = new FormData(form)
      const change: SignInPolicyChange = {
        two_factor_required: answers.get('two_factor_required') === 'yes',
        ...(councilSignIn ? { single_sign_on_required: answers.get('single_sign_on_required') === 'yes' } : {}),
      }
      const saved = await api.put<SignInPolicy>(path, change)
      const changes = outcome(organisation, policy, saved)
      policy = saved
      showSince(saved)
      const [heading, more] = changes
      area.showBanner(fields, { success: true, heading, body: more === undefined ? undefined : `${more}.` })
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
      form,
      !councilSignIn &&
        paragraph(
          `Nobody at ${organisation.name} can sign in with a council account. A network administrator can set up ` +
            'their council’s sign-in.',
        ),
    ),
  )
}

/** What saving changed, in words: two-factor first, as before council sign-in existed, and council sign-in. */
function outcome(
  organisation: OrganisationSummary,
  before: SignInPolicy,
  saved: SignInPolicy,
): [string] | [string, string] {
  const twoFactor = saved.two_factor_required
    ? `Everyone at ${organisation.name} must now use two-factor authentication`
    : `People at ${organisation.name} no longer have to use two-factor authentication`
  const council = saved.single_sign_on_required
    ? `Everyone at ${organisation.name} must now sign in with their council account`
    : `People at ${organisation.name} can sign in with a password again`
  const twoFactorChanged = saved.two_factor_required !== before.two_factor_required
  const councilChanged = saved.single_sign_on_required !== before.single_sign_on_required
  if (councilChanged && !twoFactorChanged) return [council]
  return councilChanged ? [twoFactor, council] : [twoFactor]
}
