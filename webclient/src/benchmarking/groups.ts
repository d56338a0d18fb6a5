// The organisation's saved comparator groups, as LG Inform offers them: each with its organisations, who saved it,
// and the ways to use it (compare the figures with it, ask it a question); changing and deleting one (after asking,
// on a page of its own) for whoever saved it and the organisation's administrators. Saving and changing one is
// group-form.ts.

import * as api from '../api'
import { comparatorGroupsApiPath, loadComparatorGroup, loadComparatorGroups } from '../directory/comparator-groups'
import type { ComparatorGroup } from '../directory/types'
import { newThreadPath } from '../forum/words'
import { refreshUser } from '../identity/session'
import { dateWords } from '../shell/dates'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { bulletList, buttonLink, caption, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryCard, summaryList } from '../shell/tables'
import { comparatorGroupPaths } from './group-paths'

/** How many groups an organisation may keep, as the API says. */
export const maxGroups = 20

/** The dashboard compared with a saved group: the person's own authority and services. */
export function compareWithGroupPath(group: { id: number }): string {
  return `/benchmarking?${new URLSearchParams({ group_id: String(group.id) }).toString()}`
}

export async function comparatorGroupsPage(context: PageContext): Promise<PageView> {
  const [me, groups] = await Promise.all([refreshUser(), loadComparatorGroups()])
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })
  const organisation = me.organisation.name
  return {
    title: 'Your saved comparator groups',
    content: [
      twoThirds(
        h('a', { class: 'govuk-back-link', href: '/benchmarking' }, 'Back to benchmarking'),
        area.element,
        caption('Benchmarking'),
        pageHeading('Your saved comparator groups'),
        paragraph(
          `Groups of authorities that ${organisation} chose to compare its workforce figures with, beside its ` +
            'statistical neighbours, its region and England. Everyone in your organisation can compare with them ' +
            'and ask them a question. Nobody outside your organisation sees them.',
        ),
        paragraph(
          `Only the person who saved a group, or an administrator of ${organisation}, can change or delete it. ` +
            `Your organisation can keep up to ${maxGroups} groups.`,
        ),
        groups.length < maxGroups
          ? buttonLink(comparatorGroupPaths.add, 'Save a new group')
          : paragraph(`${organisation} has ${maxGroups} groups, the most it can keep. Delete one to save another.`),
      ),
      groups.length === 0
        ? twoThirds(paragraph(`${organisation} has not saved any groups yet.`))
        : groups.map(groupCard),
    ],
  }
}

function groupCard(group: ComparatorGroup): HTMLElement {
  return summaryCard(
    {
      title: group.name,
      headingLevel: 'h2',
      id: `group-${group.id}`,
      actions: group.can_change
        ? [
            { href: comparatorGroupPaths.change(group.id), text: 'Change', visuallyHiddenText: group.name },
            { href: comparatorGroupPaths.remove(group.id), text: 'Delete', visuallyHiddenText: group.name },
          ]
        : [],
    },
    groupDetails(group),
    h(
      'ul',
      { class: 'govuk-list' },
      h('li', null, link(compareWithGroupPath(group), 'Compare your figures with this group')),
      h('li', null, link(newThreadPath({ comparatorGroupId: group.id }), 'Ask this group a question')),
    ),
  )
}

/** What a group is: its organisations, and who saved it when. */
function groupDetails(group: ComparatorGroup): HTMLElement {
  const saved = group.created_by
    ? `${group.created_by.display_name}, ${dateWords(group.created_at)}`
    : dateWords(group.created_at)
  return summaryList([
    {
      key: `Organisations (${group.members.length})`,
      value: h(
        'ul',
        { class: 'govuk-list' },
        group.members.map((member) => h('li', null, member.name)),
      ),
    },
    { key: 'Saved by', value: saved },
    ...(dateWords(group.updated_at) !== dateWords(group.created_at)
      ? [{ key: 'Last changed', value: dateWords(group.updated_at) }]
      : []),
  ])
}

/** Deleting a group, after asking: questions already asked of it keep its name and organisations. */
export async function deleteComparatorGroupPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const group = await loadComparatorGroup(id)
  if (!group.can_change) return forbiddenPage()
  const area = new MessageArea()
  const back = comparatorGroupPaths.list
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Delete group',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Cancel' },
    check: () => [],
    send: async () => {
      await api.del<void>(comparatorGroupsApiPath(id))
      navigate(back, { replace: true, flash: `‘${group.name}’ has been deleted` })
    },
    problemErrors: (problem) =>
      problem.status === 404 ? [{ field: '', message: 'This group has already been deleted.' }] : null,
  })
  return {
    title: `Delete ${group.name}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(group.name),
      pageHeading('Are you sure you want to delete this group?'),
      groupDetails(group),
      bulletList([
        'Nobody in your organisation will be able to compare with it or ask it questions.',
        'Questions already asked of it keep its name and its organisations.',
      ]),
      form,
    ),
  }
}
