// Changing your own name, job title, sector, whether you are your organisation's Principal Social Worker, what
// others may ask you about and whether you are listed on your organisation's page (PATCH /me).

import * as api from '../api'
import { refreshUser, userUpdated } from '../identity/session'
import type { Me, PswRole, Sector } from '../identity/types'
import { checkboxes, radios, textarea, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { pageHeading, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import type { ProfileUpdate } from './types'
import { accountPaths, characterCount, profileLimits, pswRoleChoices, sectorChoices } from './words'

export async function profilePage(): Promise<PageView> {
  const me = await refreshUser()
  const area = new MessageArea()
  const fields = {
    display_name: textInput({
      id: 'display-name',
      name: 'display_name',
      label: 'Name',
      hint: 'Other members of the network see this beside your posts.',
      autocomplete: 'name',
      spellcheck: false,
      value: me.display_name,
    }),
    job_title: textInput({
      id: 'job-title',
      name: 'job_title',
      label: 'Job title (optional)',
      hint: 'For example, Principal Social Worker for Adults.',
      autocomplete: 'organization-title',
      value: me.job_title,
    }),
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Which services do you work in?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: sectorChoices,
      values: [me.sector],
    }),
    principal_social_worker: radios({
      id: 'principal-social-worker',
      name: 'principal_social_worker',
      legend: 'Are you your organisation’s Principal Social Worker?',
      legendClass: 'govuk-fieldset__legend--s',
      hint: 'If you are not listed, your organisation’s page says only that the post is held, not by whom.',
      choices: pswRoleChoices,
      values: [me.principal_social_worker],
    }),
    ask_me_about: textarea({
      id: 'ask-me-about',
      name: 'ask_me_about',
      label: 'Ask me about (optional)',
      hint: 'What you are glad to be asked about, for example your experience of a practice model.',
      rows: 4,
      value: me.ask_me_about,
      characterLimit: profileLimits.ask_me_about,
    }),
    listed: checkboxes({
      id: 'listed',
      name: 'listed',
      legend: 'Your organisation’s page',
      legendClass: 'govuk-fieldset__legend--s',
      choices: [
        {
          value: 'yes',
          text: 'List me on my organisation’s page',
          hint: 'Signed-in members of PSW Network will see your name, job title, sector and what to ask you about.',
        },
      ],
      values: me.listed ? ['yes'] : [],
    }),
  }
  const answers = (): ProfileUpdate => {
    const data = new FormData(form)
    const chosen = data.get('sector')
    const post = data.get('principal_social_worker')
    return {
      display_name: fields.display_name.input.value.trim(),
      job_title: fields.job_title.input.value.trim(),
      ...(typeof chosen === 'string' && chosen ? { sector: chosen as Sector } : {}),
      ...(typeof post === 'string' && post ? { principal_social_worker: post as PswRole } : {}),
      ask_me_about: fields.ask_me_about.textarea.value.trim(),
      listed: data.get('listed') === 'yes',
    }
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Save',
    cancel: { href: accountPaths.account, text: 'Cancel' },
    check: () => profileErrors(answers()),
    send: async () => {
      userUpdated(await api.patch<Me>('/me', answers()))
      navigate(accountPaths.account, { flash: 'Your details have been updated' })
    },
  })

  return {
    title: 'Change your details',
    content: twoThirds(area.element, pageHeading('Change your details'), form),
  }
}

function profileErrors(answers: ProfileUpdate): FormError[] {
  const errors: FormError[] = []
  const tooLong = (field: keyof typeof profileLimits, what: string): void => {
    if (characterCount(answers[field] ?? '') > profileLimits[field]) {
      errors.push({ field, message: `${what} must be ${profileLimits[field]} characters or fewer` })
    }
  }
  if (!answers.display_name) errors.push({ field: 'display_name', message: 'Enter your name' })
  tooLong('display_name', 'Name')
  tooLong('job_title', 'Job title')
  if (!answers.sector) errors.push({ field: 'sector', message: 'Select which services you work in' })
  tooLong('ask_me_about', '“Ask me about”')
  return errors
}
