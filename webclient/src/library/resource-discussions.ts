// Discussions about a resource: the ones already started, and a small form to start another (how others adapted
// it, a question for the owner). A new discussion opens in the discussions section like any other, but only the
// people who can see the resource can read it, and the form says who they are before anything is posted.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { regionInSentence } from '../directory/words'
import { personalDataCheck } from '../forum/personal-data'
import { markdownHint } from '../forum/post-form'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { textInput, textarea } from '../shell/fields'
import { type FormError, type MessageArea, apiForm } from '../shell/form'
import { link, paragraph } from '../shell/govuk'
import { navigate } from '../shell/router'
import { count } from '../shell/words'
import type { LibraryGroup, Resource, ResourceSummary, ResourceThread, ResourceThreadCreated } from './types'

const readersId = 'discussion-readers'

/**
 * Who will be able to read a discussion of the resource, as a sentence: the server gives the discussion the
 * resource's visibility. `region` is the owner's region; a region resource of an organisation without one (a Chief
 * Social Worker's office) is read by that organisation only, as the server decides too. `group` is the group a
 * resource is shared with, with its privacy when the reader may see the group (null otherwise).
 */
export function discussionReaders(
  resource: ResourceSummary,
  region: string | null,
  group: Pick<LibraryGroup, 'privacy'> | null,
): string {
  switch (resource.visibility) {
    case 'network':
      return 'Everyone in the network will be able to read this discussion.'
    case 'group': {
      const name = resource.group?.name ?? 'the group'
      if (group?.privacy === 'open')
        return `Everyone in the network will be able to read this discussion, as ${name} is an open group.`
      if (group === null) return `Only the people who can read ${name} will be able to read this discussion.`
      return `Only members of ${name} will be able to read this discussion.`
    }
    case 'region':
      if (region !== null)
        return `Only people in organisations in ${regionInSentence(region)} will be able to read this discussion.`
      return `Only people in ${resource.organisation.name} will be able to read this discussion.`
    case 'organisation':
      return `Only people in ${resource.organisation.name} will be able to read this discussion.`
  }
}

/** The name of the owner's region, from the directory (a resource names only its organisation); null if none. */
export async function ownerRegion(resource: ResourceSummary): Promise<string | null> {
  const organisation = await api.get<Organisation>(`/organisations/${resource.organisation.id}`)
  return organisation.region?.name ?? null
}

/**
 * `readers` is where the page says who will be able to read a new discussion (discussionReaders), kept up to date
 * as the resource changes; it describes the form.
 */
export function discussionsSection(resource: Resource, area: MessageArea, readers: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'discussions-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'discussions-heading' }, 'Discussions about this resource'),
    resource.threads.length === 0
      ? paragraph('No one has started a discussion about it yet.')
      : h('ul', { class: 'govuk-list app-resource-threads' }, resource.threads.map(threadItem)),
    h('h3', { class: 'govuk-heading-s', id: 'start-discussion-heading' }, 'Start a discussion'),
    h('div', { id: readersId }, readers),
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
  const form = apiForm({
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
      const answer = await api.post<ResourceThreadCreated>(`/resources/${resource.id}/threads`, {
        title: fields.title.input.value.trim(),
        body: fields.body.textarea.value.trim(),
        confirm_personal_data: check.confirmed(),
      })
      navigate(`/discussions/${answer.thread_id}`, { flash: 'Your discussion has started' })
    },
    problemErrors: (problem) => check.errorsFor(problem),
  })
  // Who will read it is said to screen readers with the form, and again on the button that posts it.
  form.setAttribute('aria-labelledby', 'start-discussion-heading')
  form.setAttribute('aria-describedby', readersId)
  form.querySelector('button[type="submit"]')?.setAttribute('aria-describedby', readersId)
  return form
}
