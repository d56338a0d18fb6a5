// Changing your own name, job title, sector and what others may ask you about (PATCH /me).

import * as api from '../api'
import { refreshUser, userUpdated } from '../identity/session'
import type { Me, Sector } from '../identity/types'
import { radios, textarea, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { pageHeading, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import type { ProfileUpdate } from './types'
import { accountPaths, characterCount, profileLimits, sectorChoices } from './words'

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
    ask_me_about: textarea({
      id: 'ask-me-about',
      name: 'ask_me_about',
      label: 'Ask me about (optional)',
      hint: 'What you are glad to be asked about, for example your experience of a practice model.',
      rows: 4,
      value: me.ask_me_about,
      characterLimit: profileLimits.ask_me_about,
    }),
  }
  const answers = (): ProfileUpdate => {
    const chosen = new FormData(form).get('sector')
    return {
      display_name: fields.display_name.input.value.trim(),
      job_title: fields.job_title.input.value.trim(),
      ...(typeof chosen === 'string' && chosen ? { sector: chosen as Sector } : {}),
      ask_me_about: fields.ask_me_about.textarea.value.trim(),
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
