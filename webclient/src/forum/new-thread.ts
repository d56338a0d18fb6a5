// Asking the network a question or starting a discussion. While the title is typed, questions already asked that
// look the same are suggested, so the answer may be found before anyone has to write it again. A link may start the
// form addressed to one organisation and mentioning someone there (see question-link.ts); a question may be asked
// of one of the organisation's saved comparator groups. A discussion may be started in a group the person belongs to
// (`group_id`, from the group's page): the group's members are told, and there is no audience to choose.

import * as api from '../api'
import { loadComparatorGroups, memberNames } from '../directory/comparator-groups'
import type { ComparatorGroup } from '../directory/types'
import { hasRole, refreshUser } from '../identity/session'
import type { OrganisationSummary } from '../identity/types'
import { h, replaceContent } from '../shell/dom'
import { type Choice, type Field, radios, select, textInput, textarea } from '../shell/fields'
import { type FormError, MessageArea, apiForm, formErrors } from '../shell/form'
import { messagePage } from '../shell/error-pages'
import { caption, insetText, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { sectorName, sectors } from '../shell/words'
import { personalDataCheck } from './personal-data'
import { markdownHint } from './post-form'
import { questionLink } from './question-link'
import { checkTags, checkTitle, maxTags, splitTags } from './title-and-tags'
import type { Audience, DiscussionGroup, Thread, ThreadKind, ThreadSummary } from './types'
import { audienceNames, discussionGroupPath, kindNames, newThreadParams, threadPath } from './words'

const similarDelayMs = 300

export async function newThreadPage(context: PageContext): Promise<PageView> {
  const groupId = context.query.get(newThreadParams.group) ?? ''
  const [me, start, savedGroups, group] = await Promise.all([
    refreshUser(),
    questionLink(context.query),
    loadComparatorGroups(),
    /^[1-9][0-9]{0,17}$/.test(groupId) ? api.get<DiscussionGroup>(`/groups/${groupId}`) : null,
  ])
  if (group && !group.can_post) return notInGroup(group)
  const addressed = start.organisation
  // A link from a saved group starts the question addressed to it.
  const startGroup = savedGroups.find(
    (group) => String(group.id) === context.query.get(newThreadParams.comparatorGroup),
  )
  const savedGroup = savedGroupField(savedGroups, startGroup)
  const audiences: readonly Audience[] = [
    ...usualAudiences,
    ...(savedGroup ? (['comparator_group'] as const) : []),
    ...(addressed ? (['organisations'] as const) : []),
  ]
  const mayAnnounce = hasRole('csw_office') || hasRole('moderator') || hasRole('network_admin')
  const kinds: ThreadKind[] = mayAnnounce ? ['question', 'discussion', 'announcement'] : ['question', 'discussion']
  const area = new MessageArea()
  const check = personalDataCheck('thread', { title: 'The title', body: 'The details' })
  const fields = {
    title: textInput({
      id: 'title',
      name: 'title',
      label: 'Title',
      hint: 'A question or a short summary, for example: Has anyone got a supervision policy for ASYE social workers?',
    }),
    body: textarea({
      id: 'body',
      name: 'body',
      label: 'Details',
      hint: markdownHint,
      rows: 8,
      value: start.mention ? `@${start.mention} ` : '',
    }),
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Which services is it about?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [group && group.sector !== 'both' ? group.sector : me.sector],
      small: true,
    }),
    kind: radios({
      id: 'kind',
      name: 'kind',
      legend: 'What are you starting?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: kinds.map((kind) => ({ value: kind, text: kindNames[kind], hint: kindHints[kind] })),
      values: ['question'],
      small: true,
    }),
    tags: textInput({
      id: 'tags',
      name: 'tags',
      label: 'Tags (optional)',
      hint: `Up to ${maxTags}, separated by commas, for example: supervision, asye, practice standards`,
      spellcheck: false,
    }),
    // A group's discussion is told to the group's members: there is no audience to choose.
    ...(group
      ? {}
      : {
          audience: radios({
            id: 'audience',
            name: 'audience',
            legend: 'Who should be told about it?',
            legendClass: 'govuk-fieldset__legend--s',
            hint: 'Everyone in the network can read it.',
            choices: audiences.map((audience) => ({
              ...audienceChoice(audience, me.organisation.name, addressed),
              ...(audience === 'comparator_group' && savedGroup ? { conditional: savedGroup.element } : {}),
            })),
            values: [addressed ? 'organisations' : startGroup ? 'comparator_group' : 'network'],
            small: true,
          }),
        }),
    confirm_personal_data: check.field,
  }
  fields.title.element.append(similarQuestions(fields.title.input))
  // The saved group's choice is revealed inside the audience's radios, so it is not one of the fields in a row.
  const allFields: Record<string, Field> = savedGroup && !group ? { ...fields, audience_group_id: savedGroup } : fields

  const answers = () => {
    const data = new FormData(form)
    const audience = String(data.get('audience') ?? 'network')
    return {
      title: fields.title.input.value.trim(),
      body: fields.body.textarea.value.trim(),
      sector: String(data.get('sector') ?? ''),
      kind: String(data.get('kind') ?? ''),
      tags: splitTags(fields.tags.input.value),
      audience,
      ...(audience === 'organisations' && addressed ? { audience_organisation_ids: [addressed.id] } : {}),
      ...(audience === 'comparator_group' && savedGroup ? { audience_group_id: Number(savedGroup.select.value) } : {}),
      ...(group ? { group_id: group.id } : {}),
      confirm_personal_data: check.confirmed(),
    }
  }
  const form = apiForm({
    fields: allFields,
    content: Object.values(fields).map((field) => field.element),
    area,
    submitLabel: group ? 'Post to the group' : 'Post to the network',
    check: () => checkAnswers(answers()),
    send: async () => {
      const thread = await api.post<Thread>('/threads', answers())
      navigate(threadPath(thread), { flash: thread.kind === 'question' ? 'Your question has been posted' : 'Posted' })
    },
    problemErrors: (problem) =>
      check.errorsFor(problem) ??
      (problem.status === 403 && group ? [{ field: '', message: problem.detail || problem.title }] : null) ??
      (problem.status === 403 ? [{ field: 'kind', message: 'You cannot post announcements' }] : null) ??
      (problem.status === 422
        ? formErrors(problem, allFields, { audience_group_id: 'Select one of your organisation’s saved groups' })
        : null),
  })

  const heading = group ? 'Start a discussion in a group' : 'Ask the network'
  return {
    title: group ? `${heading} – ${group.name}` : heading,
    content: twoThirds(
      area.element,
      caption('Discussions'),
      pageHeading(heading),
      group
        ? [
            insetText(
              paragraph('In group: ', link(discussionGroupPath(group), group.name)),
              paragraph(
                group.privacy === 'open'
                  ? 'Everyone in the network can read it. The group’s members get a notification.'
                  : 'Only the group’s members can read it, and they get a notification.',
              ),
            ),
            paragraph(`You are posting as ${me.display_name}, ${me.organisation.name}.`),
          ]
        : paragraph(
            'Principal social workers across England will see your question. ',
            `You are posting as ${me.display_name}, ${me.organisation.name}.`,
          ),
      warningText(
        'Never include information about people who use services, such as names, NHS numbers or dates of birth.',
      ),
      form,
    ),
  }
}

/** The page for a group the reader may not post in: they are told to join it first. */
function notInGroup(group: DiscussionGroup): PageView {
  return messagePage(
    'You cannot start a discussion in this group',
    'You cannot start a discussion in this group',
    paragraph(`Only members of ${group.name} can start discussions in it.`),
    paragraph(link(discussionGroupPath(group), `Go to ${group.name}`), ' to join it.'),
  )
}

const kindHints: Readonly<Record<ThreadKind, string>> = {
  question: 'You can mark the answer that helped you most.',
  discussion: 'Share practice or start a conversation.',
  announcement: 'News from your office to the network.',
}

const usualAudiences: readonly Audience[] = ['network', 'statistical_neighbours', 'region']

/** The organisation's saved groups to ask, with the organisations of the one chosen; null when it has none. */
function savedGroupField(
  groups: readonly ComparatorGroup[],
  start: ComparatorGroup | undefined,
): (Field & { select: HTMLSelectElement }) | null {
  const first = start ?? groups[0]
  if (!first) return null
  const members = h('span', null)
  const field = select({
    id: 'audience-group',
    name: 'audience_group_id',
    label: 'Which saved group?',
    hint: members,
    choices: groups.map((group) => ({ value: String(group.id), text: group.name })),
    value: String(first.id),
  })
  const describe = (): void => {
    const group = groups.find((known) => String(known.id) === field.select.value) ?? first
    members.textContent = `The people at ${memberNames(group)} get a notification.`
  }
  describe()
  field.select.addEventListener('change', describe)
  return field
}

/** A choice of who is told; 'organisations' is offered only as the one organisation a link addressed. */
function audienceChoice(audience: Audience, own: string, addressed: OrganisationSummary | null): Choice {
  if (audience === 'organisations' && addressed) {
    return { value: audience, text: addressed.name, hint: `The people at ${addressed.name} get a notification.` }
  }
  const text = audience === 'comparator_group' ? 'One of your organisation’s saved groups' : audienceNames[audience]
  return { value: audience, text, hint: audienceHint(audience, own) }
}

function audienceHint(audience: Audience, organisation: string): string {
  switch (audience) {
    case 'network':
      return 'It appears in everyone’s list of discussions.'
    case 'statistical_neighbours':
      return `The authorities most like ${organisation} in the DfE statistical neighbour model get a notification.`
    case 'region':
      return `The other authorities in ${organisation}’s region get a notification.`
    case 'organisations':
      return 'The organisations you choose get a notification.'
    case 'comparator_group':
      return `A group of organisations that ${organisation} saved, as on the benchmarking pages.`
  }
}

function checkAnswers(answers: { title: string; body: string; sector: string; kind: string; tags: string[] }) {
  const errors: FormError[] = []
  checkTitle(answers.title, errors)
  if (!answers.body) errors.push({ field: 'body', message: 'Enter the details' })
  if (!answers.sector) errors.push({ field: 'sector', message: 'Select which services it is about' })
  if (!answers.kind) errors.push({ field: 'kind', message: 'Select what you are starting' })
  checkTags(answers.tags, errors)
  return errors
}

/** Questions like the one being typed, as links that open in a new tab so the draft stays. */
function similarQuestions(title: HTMLInputElement): HTMLElement {
  const region = h('div', { id: 'similar-questions', class: 'app-similar', 'aria-live': 'polite' })
  let timer: number | undefined
  let asked = 0
  const show = (threads: readonly ThreadSummary[]): void => {
    if (threads.length === 0) {
      replaceContent(region)
      return
    }
    replaceContent(
      region,
      h('h2', { class: 'govuk-heading-s govuk-!-margin-top-3 govuk-!-margin-bottom-1' }, 'Similar questions'),
      h(
        'ul',
        { class: 'govuk-list' },
        threads.map((thread) =>
          h(
            'li',
            null,
            h(
              'a',
              { class: 'govuk-link', href: threadPath(thread), target: '_blank', rel: 'noopener' },
              thread.title,
              ' (opens in new tab)',
            ),
          ),
        ),
      ),
    )
  }
  title.addEventListener('input', () => {
    window.clearTimeout(timer)
    const text = title.value.trim()
    asked += 1
    const thisRequest = asked
    if ([...text].length < 3) {
      show([])
      return
    }
    timer = window.setTimeout(() => {
      api
        .get<{ items: ThreadSummary[] }>('/threads/similar', { title: text })
        .then((answer) => {
          // Only the answer to what is in the box now counts; slower answers to older text are dropped.
          if (thisRequest === asked) show(answer.items)
        })
        .catch((error: unknown) => console.warn('Similar questions are not available', error))
    }, similarDelayMs)
  })
  return region
}
