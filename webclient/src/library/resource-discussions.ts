// Discussions about a resource: the ones already started, and a small form to start another (how others adapted
// it, a question for the owner). A new discussion opens in the discussions section like any other.

import * as api from '../api'
import { personalDataCheck } from '../forum/personal-data'
import { markdownHint } from '../forum/post-form'
import { count, timeElement } from '../forum/words'
import { h } from '../shell/dom'
import { textarea, textInput } from '../shell/fields'
import { type FormError, type MessageArea, apiForm } from '../shell/form'
import { link, paragraph } from '../shell/govuk'
import { navigate } from '../shell/router'
import type { Resource, ResourceThread } from './types'

export function discussionsSection(resource: Resource, area: MessageArea): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'discussions-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'discussions-heading' }, 'Discussions about this resource'),
    resource.threads.length === 0
      ? paragraph('No one has started a discussion about it yet.')
      : h('ul', { class: 'govuk-list app-resource-threads' }, resource.threads.map(threadItem)),
    h('h3', { class: 'govuk-heading-s', id: 'start-discussion-heading' }, 'Start a discussion'),
    startForm(resource, area),
  )
}

function threadItem(thread: ResourceThread): HTMLLIElement {
  return h(
    'li',
    { class: 'app-resource-threads__item' },
    h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, link(`/discussions/${thread.id}`, thread.title)),
    h(
      'p',
      { class: 'govuk-body-s' },
      `${count(thread.reply_count, 'reply', 'replies')}, last activity `,
      timeElement(thread.last_activity_at),
    ),
  )
}

function startForm(resource: Resource, area: MessageArea): HTMLFormElement {
  const check = personalDataCheck('discussion', { title: 'The title', body: 'Your message' })
  const fields = {
    title: textInput({
      id: 'discussion-title',
      name: 'title',
      label: 'Title',
      hint: 'For example: How did you adapt this for adults’ services?',
    }),
    body: textarea({ id: 'discussion-body', name: 'body', label: 'Your message', hint: markdownHint, rows: 5 }),
    confirm_personal_data: check.field,
  }
  return apiForm({
    fields,
    area,
    submitLabel: 'Start the discussion',
    check: () => {
      const errors: FormError[] = []
      const title = fields.title.input.value.trim()
      if (!title) errors.push({ field: 'title', message: 'Enter a title for the discussion' })
      else if ([...title].length > 200)
        errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' })
      if (!fields.body.textarea.value.trim()) errors.push({ field: 'body', message: 'Enter your message' })
      return errors
    },
    send: async () => {
      const answer = await api.post<{ thread_id: number }>(`/resources/${resource.id}/threads`, {
        title: fields.title.input.value.trim(),
        body: fields.body.textarea.value.trim(),
        confirm_personal_data: check.confirmed(),
      })
      navigate(`/discussions/${answer.thread_id}`, { flash: 'Your discussion has started' })
    },
    problemErrors: (problem) => check.errorsFor(problem),
  })
}
