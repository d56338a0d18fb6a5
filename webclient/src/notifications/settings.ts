// The signed-in user's choice of how each kind of notification comes by email (at once, in a daily or weekly
// summary, or not by email) and when summaries arrive. Every notification shows in the service whatever they choose.

import * as api from '../api'
import { h } from '../shell/dom'
import { type Field, radios, select } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { insetText, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageView } from '../shell/page'
import type {
  Delivery,
  KindSetting,
  NotificationKind,
  NotificationSettings,
  NotificationSettingsUpdate,
  Weekday,
} from './types'
import { deliveries, deliveryNames, hourWords, weekdayNames, weekdays } from './words'

const settingsPath = '/me/notification-settings'

export async function notificationSettingsPage(): Promise<PageView> {
  const settings = await api.get<NotificationSettings>(settingsPath)
  const area = new MessageArea()

  // Fixed kinds (notices about the person's own account) always come at once: they are explained, not offered.
  const choosable = settings.kinds.filter((setting) => !setting.fixed)
  const fixed = settings.kinds.filter((setting) => setting.fixed)
  const kindFields = new Map<NotificationKind, Field>()
  for (const setting of choosable) kindFields.set(setting.kind, deliveryField(setting))
  const hour = select({
    id: 'digest-hour',
    name: 'digest_hour',
    label: 'Time',
    hint: 'Daily summaries arrive at this time every day, weekly ones on the day you choose.',
    choices: Array.from({ length: 24 }, (_, value) => ({ value: String(value), text: hourWords(value) })),
    value: String(settings.digest.hour),
  })
  const day = select({
    id: 'digest-day',
    name: 'digest_day',
    label: 'Day of the weekly summary',
    choices: weekdays.map((value) => ({ value, text: weekdayNames[value] })),
    value: settings.digest.day,
  })
  const fields: Readonly<Record<string, Field>> = { ...Object.fromEntries(kindFields), hour, day }

  const groups = new Map<string, KindSetting[]>()
  for (const setting of choosable) groups.set(setting.group, [...(groups.get(setting.group) ?? []), setting])

  let labels = new Map(settings.kinds.map((setting) => [setting.kind, setting.label]))
  let sent: NotificationKind[] = []
  const chosen = (kind: NotificationKind): Delivery | null => {
    const input = form.querySelector<HTMLInputElement>(`input[name="${deliveryName(kind)}"]:checked`)
    return (input?.value as Delivery | undefined) ?? null
  }
  const show = (saved: NotificationSettings): void => {
    for (const setting of saved.kinds) {
      const input = form.querySelector<HTMLInputElement>(
        `input[name="${deliveryName(setting.kind)}"][value="${setting.delivery}"]`,
      )
      if (input) input.checked = true
    }
    hour.select.value = String(saved.digest.hour)
    day.select.value = saved.digest.day
    labels = new Map(saved.kinds.map((setting) => [setting.kind, setting.label]))
  }

  const form = apiForm({
    fields,
    area,
    submitLabel: 'Save',
    content: [
      [...groups].map(([group, kinds]) => [
        h('h2', { class: 'govuk-heading-m' }, group),
        kinds.map((setting) => kindFields.get(setting.kind)?.element),
      ]),
      h('h2', { class: 'govuk-heading-m' }, 'When summaries arrive'),
      paragraph('Summaries are sent in UK time, and only when there is something to tell you.'),
      hour.element,
      day.element,
    ],
    check: () => [],
    send: async () => {
      const kinds = choosable.flatMap((setting) => {
        const delivery = chosen(setting.kind)
        return delivery ? [{ kind: setting.kind, delivery }] : []
      })
      sent = kinds.map((entry) => entry.kind)
      const body: NotificationSettingsUpdate = {
        kinds,
        digest: { hour: Number(hour.select.value), day: day.select.value as Weekday },
      }
      show(await api.put<NotificationSettings>(settingsPath, body))
      area.showBanner(fields, { heading: 'Your notification settings are saved', success: true })
    },
    problemErrors: (problem) => (problem.status === 422 ? settingsErrors(problem, sent, labels) : null),
  })

  return {
    title: 'Notification settings',
    content: twoThirds(
      area.element,
      pageHeading('Notification settings'),
      paragraph('Choose which notifications you also get by email, and how often.'),
      insetText(
        'Whatever you choose, every notification still shows on your ',
        link('/notifications', 'notifications page'),
        ' in PSW Network.',
      ),
      form,
      fixed.map((setting) => [
        h('h2', { class: 'govuk-heading-m' }, setting.group),
        paragraph(
          `${setting.label}: we always tell you at once, here and by email, so that you would know if someone else ` +
            'were using your account. These emails cannot be turned off.',
        ),
      ]),
      fixed.length > 0 ? paragraph('See ', link('/account/sessions', 'where you are signed in'), '.') : null,
    ),
  }
}

function deliveryName(kind: NotificationKind): string {
  return `delivery-${kind}`
}

function deliveryField(setting: KindSetting): Field {
  return radios({
    id: deliveryName(setting.kind),
    name: deliveryName(setting.kind),
    legend: setting.label,
    legendClass: 'govuk-fieldset__legend--s',
    small: true,
    choices: deliveries.map((value) => ({
      value,
      text: deliveryNames[value],
      ...(value === 'off' ? { hint: 'It still shows in PSW Network.' } : {}),
    })),
    values: [setting.delivery],
  })
}

/**
 * The server names fields by their place in the request ("kinds[2].delivery", "digest.hour"); each becomes the
 * field on the page that it is about, in GOV.UK's words.
 */
function settingsErrors(
  problem: api.ApiProblem,
  sent: readonly NotificationKind[],
  labels: ReadonlyMap<NotificationKind, string>,
): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const item = /^kinds\[(\d+)\]/.exec(error.field)
    const kind = item ? sent[Number(item[1])] : undefined
    let found: FormError
    if (kind) found = { field: kind, message: `Choose how you get emails about: ${labels.get(kind) ?? kind}` }
    else if (error.field === 'digest.hour' || error.field === 'digest')
      found = { field: 'hour', message: 'Choose a time for your summaries' }
    else if (error.field === 'digest.day') found = { field: 'day', message: 'Choose a day for your weekly summary' }
    else found = { field: '', message: 'Your settings could not be saved. Reload the page and try again.' }
    // GOV.UK shows one message per field: the first one.
    if (found.field === '' || !errors.some((known) => known.field === found.field)) errors.push(found)
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}
