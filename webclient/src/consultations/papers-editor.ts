// Attaching papers to a consultation (offices only): up to 10 resources from the practice library that everyone in
// the network can see, in the order readers find them on the consultation page. Each change (attach, move, remove)
// is saved at once and announced, and focus stays on the control that was used. A paper that is not in the library
// yet is shared there first.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import type { ResourceSummary } from '../library/types'
import { fileSize, fileTypeName, resourcePath, typeNames } from '../library/words'
import { type Child, h, replaceContent } from '../shell/dom'
import { textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import { button, caption, link, pageHeading, paragraph, tag, visuallyHidden } from '../shell/govuk'
import { type LiveRegion, liveRegion } from '../shell/live-region'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { loadPapers, paperTypeName } from './papers'
import type { Consultation, ConsultationPaper, ConsultationPaperList } from './types'
import { consultationPath, runsConsultations } from './words'

/** The most papers a consultation takes. */
const maxPapers = 10

const resultCount = 20

export async function papersPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  const [consultation, papers] = await Promise.all([api.get<Consultation>(`/consultations/${id}`), loadPapers(id)])
  const words = context.query.get('q')?.trim() ?? ''
  const area = new MessageArea()
  const search = textInput({
    id: 'q',
    name: 'q',
    label: 'Search the practice library',
    labelClass: 'govuk-label--s',
    hint: 'Words from the title, summary or tags. Only resources shared with everyone in the network can be attached.',
    type: 'search',
    value: words,
  })
  let found: ResourceSummary[] = []
  try {
    found = (await api.get<api.ListPage<ResourceSummary>>('/resources', { q: words, limit: resultCount })).items
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
    area.showErrors({ q: search }, formErrors(error, { q: search }))
  }
  const editor = new PapersEditor(consultation, papers, found, area)

  return {
    title: `Consultation papers – ${consultation.title}`,
    content: [
      h('a', { class: 'govuk-back-link', href: consultationPath(id) }, 'Back to the consultation'),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          area.element,
          caption(consultation.title),
          pageHeading('Consultation papers'),
          paragraph(
            `Attach up to ${maxPapers} resources from the practice library for people to read before they respond, ` +
              'such as the proposals or an impact assessment. They appear on the consultation page in this order. ' +
              'Changes are saved as you make them.',
          ),
          h(
            'section',
            { class: 'app-section', 'aria-labelledby': 'attached-heading' },
            h('h2', { class: 'govuk-heading-m', id: 'attached-heading', tabindex: '-1' }, 'Attached papers'),
            editor.attachedArea,
          ),
          h(
            'section',
            { class: 'app-section', 'aria-labelledby': 'find-heading' },
            h('h2', { class: 'govuk-heading-m', id: 'find-heading' }, 'Find a paper in the library'),
            h(
              'form',
              { method: 'get', action: consultationPath(id, 'papers'), class: 'app-paper-search', role: 'search' },
              search.element,
              button('Search', { variant: 'secondary' }),
            ),
            h(
              'h3',
              { class: 'govuk-heading-s' },
              words ? `Library resources matching “${words}”` : 'Newest in the library',
            ),
            editor.resultsArea,
          ),
          h(
            'section',
            { class: 'app-section', 'aria-labelledby': 'new-paper-heading' },
            h('h2', { class: 'govuk-heading-m', id: 'new-paper-heading' }, 'Upload a new paper'),
            paragraph(
              'A paper that is not in the library yet is shared there first: ',
              link('/library/new', 'share it in the practice library'),
              ', choosing “Everyone in the network” for who can see it, and upload its file. Then come back here to ' +
                'attach it.',
            ),
          ),
          paragraph(link(consultationPath(id), 'Back to the consultation')),
        ),
      ),
      editor.live.element,
    ],
  }
}

class PapersEditor {
  readonly attachedArea = h('div')
  readonly resultsArea = h('div')
  readonly live: LiveRegion = liveRegion()
  /** Changes go one after another, each from the list the one before saved. */
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly consultation: Consultation,
    private papers: ConsultationPaper[],
    private readonly found: readonly ResourceSummary[],
    private readonly area: MessageArea,
  ) {
    this.draw()
  }

  private draw(): void {
    replaceContent(
      this.attachedArea,
      this.papers.length === 0
        ? paragraph('No papers are attached yet.')
        : h(
            'ol',
            { class: 'govuk-list app-paper-list' },
            this.papers.map((paper, index) => this.attachedItem(paper, index)),
          ),
    )
    replaceContent(
      this.resultsArea,
      this.found.length === 0
        ? paragraph('No resources in the library match your search.')
        : h(
            'ul',
            { class: 'govuk-list app-paper-list' },
            this.found.map((resource) => this.resultItem(resource)),
          ),
    )
  }

  private attachedItem(paper: ConsultationPaper, index: number): HTMLElement {
    const position = `paper ${index + 1}: ${paper.title}`
    const last = index === this.papers.length - 1
    return h(
      'li',
      { class: 'app-paper-list__item' },
      h(
        'h3',
        { class: 'govuk-heading-s govuk-!-margin-bottom-1' },
        `${index + 1}. `,
        link(resourcePath({ id: paper.resource_id }), paper.title),
      ),
      h('p', { class: 'govuk-body-s govuk-!-margin-bottom-2' }, paperTypeName(paper), ': ', fileWords(paper)),
      h(
        'div',
        { class: 'govuk-button-group' },
        index > 0 &&
          this.actionButton(`paper-${paper.resource_id}-up`, 'Move up', position, () =>
            this.move(index, index - 1, 'up'),
          ),
        !last &&
          this.actionButton(`paper-${paper.resource_id}-down`, 'Move down', position, () =>
            this.move(index, index + 1, 'down'),
          ),
        this.actionButton(`paper-${paper.resource_id}-remove`, 'Remove', position, () => this.remove(index)),
      ),
    )
  }

  private resultItem(resource: ResourceSummary): HTMLElement {
    const position = this.papers.findIndex((paper) => paper.resource_id === resource.id)
    const attached = position >= 0
    const shared = resource.visibility === 'network'
    return h(
      'li',
      { class: 'app-paper-list__item' },
      h('h4', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, link(resourcePath(resource), resource.title)),
      h(
        'p',
        { class: 'govuk-body-s govuk-!-margin-bottom-2' },
        typeNames[resource.type] ?? resource.type,
        ', shared by ',
        resource.organisation.name,
        resource.latest_file
          ? ` (${fileTypeName(resource.latest_file.content_type)}, ${fileSize(resource.latest_file.size)})`
          : '',
      ),
      attached &&
        h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-2' },
          tag('Attached', 'green'),
          ` as paper ${position + 1}`,
        ),
      shared
        ? this.actionButton(`result-${resource.id}`, attached ? 'Remove' : 'Attach', resource.title, () =>
            attached ? this.detach(resource.id) : this.attach(resource),
          )
        : h(
            'p',
            { class: 'govuk-body-s app-paper-list__note' },
            'Not shared with everyone in the network, so it cannot be attached.',
          ),
    )
  }

  private actionButton(id: string, label: string, name: string, act: () => void): HTMLButtonElement {
    const control = button([label, visuallyHidden(` ${name}`)], { type: 'button', variant: 'secondary', small: true })
    control.id = id
    control.addEventListener('click', act)
    return control
  }

  private move(from: number, to: number, direction: 'up' | 'down'): void {
    this.change(
      () => {
        const ids = this.ids()
        const [moved] = ids.splice(from, 1)
        if (moved === undefined) return null
        ids.splice(to, 0, moved)
        return ids
      },
      (saved) => {
        const paper = saved[to]
        return paper ? `“${paper.title}” moved ${direction}: it is now paper ${to + 1} of ${saved.length}` : ''
      },
      (saved) => {
        const paper = saved[to]
        if (!paper) return null
        // At the top there is no "Move up", at the bottom no "Move down": the other one takes the focus.
        return (
          document.getElementById(`paper-${paper.resource_id}-${direction}`) ??
          document.getElementById(`paper-${paper.resource_id}-${direction === 'up' ? 'down' : 'up'}`)
        )
      },
    )
  }

  private remove(index: number): void {
    const removed = this.papers[index]
    if (!removed) return
    this.detach(removed.resource_id, index)
  }

  /** Takes a resource off the list; `index` when it was removed from the list of papers (focus stays there). */
  private detach(resourceId: number, index?: number): void {
    const title = this.papers.find((paper) => paper.resource_id === resourceId)?.title ?? ''
    this.change(
      () => this.ids().filter((id) => id !== resourceId),
      (saved) => `“${title}” removed. ${countWords(saved.length)}`,
      (saved) => {
        if (index === undefined) return document.getElementById(`result-${resourceId}`)
        const next = saved[Math.min(index, saved.length - 1)]
        return next
          ? document.getElementById(`paper-${next.resource_id}-remove`)
          : document.getElementById('attached-heading')
      },
    )
  }

  private attach(resource: ResourceSummary): void {
    if (this.papers.length >= maxPapers) {
      this.area.showErrors({}, [
        { field: '', message: `A consultation can have up to ${maxPapers} papers. Remove one to attach another.` },
      ])
      return
    }
    this.change(
      () => [...this.ids(), resource.id],
      (saved) => `“${resource.title}” attached: it is paper ${saved.length} of ${saved.length}`,
      () => document.getElementById(`result-${resource.id}`),
    )
  }

  private ids(): number[] {
    return this.papers.map((paper) => paper.resource_id)
  }

  /**
   * Saves the list `next` makes from the current one, then draws the page again, announces the change and puts the
   * focus on `focus`'s element.
   */
  private change(
    next: () => number[] | null,
    announcement: (saved: ConsultationPaper[]) => string,
    focus: (saved: ConsultationPaper[]) => HTMLElement | null,
  ): void {
    this.queue = this.queue.then(async () => {
      const ids = next()
      if (ids === null) return
      try {
        const saved = await api.put<ConsultationPaperList>(`/consultations/${this.consultation.id}/papers`, {
          resources: ids,
        })
        this.papers = saved.items
        this.area.clear({})
        this.draw()
        focus(this.papers)?.focus()
        this.live.announce(announcement(this.papers))
      } catch (error) {
        this.area.showErrors({}, this.problems(error, ids))
      }
    })
  }

  /** The server names the resource it refuses by its place in the list sent: say which one. */
  private problems(error: unknown, ids: readonly number[]): { field: string; message: string }[] {
    if (!(error instanceof api.ApiProblem) || error.isServiceFailure) {
      console.error(error)
      return [{ field: '', message: 'Sorry, there is a problem with the service. The papers were not saved.' }]
    }
    if (error.status !== 422 || error.errors.length === 0) return [{ field: '', message: error.detail || error.title }]
    return error.errors.map((problem) => {
      const index = /^resources\[(\d+)\]$/.exec(problem.field)?.[1]
      const id = index === undefined ? undefined : ids[Number(index)]
      const title =
        this.papers.find((paper) => paper.resource_id === id)?.title ??
        this.found.find((resource) => resource.id === id)?.title
      return { field: '', message: title ? `“${title}” ${problem.message}` : `The papers ${problem.message}` }
    })
  }
}

function fileWords(paper: ConsultationPaper): Child {
  if (paper.file) return `${fileTypeName(paper.file.content_type)}, ${fileSize(paper.file.size)}`
  return paper.link_url ? 'a link to a web page' : 'no file yet'
}

function countWords(papers: number): string {
  if (papers === 0) return 'No papers are attached.'
  return papers === 1 ? '1 paper is attached.' : `${papers} papers are attached.`
}
