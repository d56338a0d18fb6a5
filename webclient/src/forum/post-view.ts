// One post on a discussion page: who wrote it and when, its body, the reactions, the accepted-answer marker and
// the actions the reader may take, as one row of buttons (react, accept, edit, report; "Edit" and "Report" open
// their form under the row), then the history and the moderators' hiding. Live changes update the parts in place,
// so a button the reader is on keeps its focus.

import * as api from '../api'
import type { Me } from '../identity/types'
import { timeElement } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { textarea } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { button, initComponents, paragraph, tag, visuallyHidden } from '../shell/govuk'
import { runAction } from '../shell/actions'
import { closePanel, disclosureButton, openPanel, withCancel } from './post-actions'
import { postForm } from './post-form'
import { postHtml } from './post-html'
import type { Post, ReactionKind, Reactions, ReactionsAnswer, Revision, RevisionList, Thread } from './types'

const editWindowMs = 24 * 60 * 60 * 1000

export interface PostContext {
  me: Me
  /** The discussion as it is now (acceptance, permissions). */
  thread: () => Thread
  area: MessageArea
  accept: (postId: number | null) => Promise<void>
  /** Fetches the discussion again, for the Markdown of a post that arrived live. */
  reloadThread: () => Promise<Thread>
}

const reactionNames: Readonly<Record<ReactionKind, string>> = { helpful: 'Helpful', same_here: 'Same here' }

export class PostView {
  readonly element: HTMLElement
  private readonly meta = h('p', { class: 'govuk-body-s app-post__meta' })
  private readonly markers = h('div', { class: 'app-post__markers' })
  private readonly body = h('div', { class: 'app-post__body' })
  private readonly reactionControls = new Map<ReactionKind, HTMLButtonElement | HTMLElement>()
  private readonly acceptButton = button('', { type: 'button', variant: 'secondary', small: true })
  /** Where "Edit" and "Report" open their forms, under the row of buttons. */
  private readonly editPanel = h('div', { class: 'app-post__panel', hidden: true })
  private readonly reportPanel = h('div', { class: 'app-post__panel', hidden: true })
  private readonly history: HTMLDetailsElement | null
  private readonly moderation: { element: HTMLElement; reason: HTMLElement; control: HTMLButtonElement } | null

  constructor(
    public post: Post,
    private readonly context: PostContext,
  ) {
    const own = post.author.id === context.me.id
    const mayModerate = context.thread().can_moderate
    this.history = own || mayModerate ? this.historyDetails() : null
    this.moderation = mayModerate ? this.moderationDetails() : null
    this.acceptButton.addEventListener('click', () =>
      runAction(context.area, this.acceptButton, () => context.accept(this.post.accepted ? null : this.post.id)),
    )
    const author = `${post.author.display_name}, ${post.author.organisation.name}`
    this.element = h(
      'article',
      {
        class: 'app-post',
        'data-post-id': post.id,
        id: post.is_opening ? `post-${post.id}` : null,
        'aria-labelledby': post.is_opening ? null : `post-${post.id}`,
      },
      post.is_opening
        ? h('p', { class: 'govuk-body app-post__author' }, `${this.verb()} by `, h('strong', null, author))
        : h('h3', { class: 'govuk-heading-s app-post__author', id: `post-${post.id}` }, author),
      this.meta,
      this.markers,
      this.body,
      own && this.reactionElements(own),
      h(
        'div',
        { class: 'govuk-button-group app-post__actions' },
        !own && this.reactionElements(own),
        this.acceptButton,
        this.editButton(),
        own ? null : this.reportButton(),
      ),
      this.editPanel,
      this.reportPanel,
      this.history,
      this.moderation?.element,
    )
    this.draw()
  }

  /** A new version of the post (edited, unhidden, or read again); what only this reader knows is kept. */
  replace(post: Post): void {
    this.post = post
    this.draw()
  }

  setReactions(reactions: Reactions, mine: ReactionKind[] = this.post.my_reactions): void {
    this.post = { ...this.post, reactions, my_reactions: mine }
    this.drawReactions()
  }

  /** Hidden by a moderator: only they and the author still see the body. */
  setHidden(): void {
    const seesHidden = this.post.author.id === this.context.me.id || this.context.thread().can_moderate
    this.post = { ...this.post, hidden: true, body_html: seesHidden ? this.post.body_html : null }
    this.draw()
  }

  /** The discussion's accepted answer or the reader's permissions changed. */
  refreshAcceptance(): void {
    this.post = { ...this.post, accepted: this.context.thread().accepted_post_id === this.post.id }
    this.drawMarkers()
    this.drawAccept()
  }

  private verb(): string {
    const kind = this.context.thread().kind
    return kind === 'question' ? 'Asked' : kind === 'announcement' ? 'Announced' : 'Started'
  }

  private draw(): void {
    replaceContent(
      this.meta,
      this.post.is_opening ? 'Posted ' : '',
      timeElement(this.post.created_at),
      this.post.edited_at && [' (edited ', timeElement(this.post.edited_at), ')'],
    )
    replaceContent(
      this.body,
      this.post.body_html === null
        ? paragraph('This post has been hidden by a moderator.')
        : postHtml(this.post.body_html, this.post.is_opening ? 2 : 4),
    )
    this.drawMarkers()
    this.drawReactions()
    this.drawAccept()
    if (this.history) this.history.hidden = this.post.revision_count === 0 && this.post.edited_at === null
    if (this.moderation) this.drawModeration(this.moderation)
  }

  private drawMarkers(): void {
    replaceContent(
      this.markers,
      this.post.accepted && h('p', { class: 'govuk-body' }, tag('Accepted answer', 'green')),
      this.post.hidden && h('p', { class: 'govuk-body' }, tag('Hidden', 'red')),
    )
  }

  private canAccept(): boolean {
    const thread = this.context.thread()
    return thread.kind === 'question' && thread.can_accept && !this.post.is_opening && !this.post.hidden
  }

  private drawAccept(): void {
    this.acceptButton.hidden = !this.canAccept()
    replaceContent(
      this.acceptButton,
      this.post.accepted ? 'Remove accepted answer' : 'Accept this answer',
      visuallyHidden(` from ${this.post.author.display_name}`),
    )
  }

  /**
   * The reactions: buttons at the start of the row of actions, or, on the reader's own post (which they cannot
   * react to), a line of counts above it.
   */
  private reactionElements(own: boolean): HTMLElement[] {
    const kinds: ReactionKind[] = ['helpful', 'same_here']
    if (own) {
      for (const kind of kinds) {
        this.reactionControls.set(kind, h('span', { class: 'app-post__reaction-count' }))
      }
      return [h('p', { class: 'govuk-body-s app-post__reaction-counts' }, [...this.reactionControls.values()])]
    }
    for (const kind of kinds) {
      const control = button('', { type: 'button', variant: 'secondary', small: true })
      control.addEventListener('click', () =>
        runAction(this.context.area, control, async () => {
          const answer = await api.post<ReactionsAnswer>(`/posts/${this.post.id}/reactions`, { kind })
          this.setReactions(answer.reactions, answer.my_reactions)
        }),
      )
      this.reactionControls.set(kind, control)
    }
    return [...this.reactionControls.values()]
  }

  private drawReactions(): void {
    for (const [kind, control] of this.reactionControls) {
      const text = `${reactionNames[kind]} (${this.post.reactions[kind]})`
      if (control instanceof HTMLButtonElement) {
        control.textContent = text
        control.setAttribute('aria-pressed', String(this.post.my_reactions.includes(kind)))
        control.hidden = this.post.hidden
      } else {
        control.textContent = text
      }
    }
  }

  private mayEdit(): boolean {
    const recent = Date.now() - Date.parse(this.post.created_at) < editWindowMs
    return (
      this.post.can_edit || this.context.thread().can_moderate || (this.post.author.id === this.context.me.id && recent)
    )
  }

  /** "Edit": opens the post's Markdown in a form under the row, which closes again once saved or cancelled. */
  private editButton(): HTMLButtonElement | null {
    if (!this.mayEdit()) return null
    const own = this.post.author.id === this.context.me.id
    const control = disclosureButton(
      ['Edit', visuallyHidden(own ? ' your post' : ` the post from ${this.post.author.display_name}`)],
      this.editPanel,
      `edit-${this.post.id}`,
    )
    const close = (): void => {
      closePanel(control, this.editPanel)
      replaceContent(this.editPanel)
    }
    control.addEventListener('click', () => {
      if (!this.editPanel.hidden) {
        close()
        return
      }
      openPanel(control, this.editPanel, paragraph('Loading your post…'))
      void this.markdown().then((markdown) => {
        // Closed again while the Markdown was on its way.
        if (this.editPanel.hidden) return
        const form = postForm({
          idPrefix: `edit-${this.post.id}`,
          label: 'Your post',
          submitLabel: 'Save changes',
          value: markdown,
          area: this.context.area,
          send: async (answer) => {
            const saved = await api.patch<Post>(`/posts/${this.post.id}`, answer)
            this.replace({ ...saved, accepted: this.post.accepted })
            close()
            control.focus()
          },
        })
        withCancel(form, () => {
          close()
          control.focus()
        })
        replaceContent(this.editPanel, form)
        initComponents(this.editPanel)
        this.editPanel.querySelector('textarea')?.focus()
      })
    })
    return control
  }

  /** The Markdown to edit: posts that arrived live carry none, so the discussion is read again for it. */
  private async markdown(): Promise<string> {
    if (this.post.body_markdown !== null) return this.post.body_markdown
    const fresh = (await this.context.reloadThread()).posts.find((post) => post.id === this.post.id)
    return fresh?.body_markdown ?? ''
  }

  private historyDetails(): HTMLDetailsElement {
    const content = h('div', { class: 'govuk-details__text' })
    const details = detailsElement('Edited: see the history', content)
    details.addEventListener('toggle', () => {
      if (!details.open) return
      replaceContent(content, paragraph('Loading the history…'))
      api
        .get<RevisionList>(`/posts/${this.post.id}/revisions`)
        .then((answer) => replaceContent(content, revisionList(answer.items)))
        .catch((error: unknown) => {
          console.warn(error)
          replaceContent(content, paragraph('The history cannot be shown. Try again later.'))
        })
    })
    return details
  }

  /** "Report": a form under the row asks why a moderator should look at the post. */
  private reportButton(): HTMLButtonElement {
    const control = disclosureButton(
      ['Report', visuallyHidden(` the post from ${this.post.author.display_name}`)],
      this.reportPanel,
      `report-${this.post.id}`,
    )
    control.addEventListener('click', () => {
      if (!this.reportPanel.hidden) {
        closePanel(control, this.reportPanel)
        replaceContent(this.reportPanel)
        return
      }
      openPanel(control, this.reportPanel, this.reportForm(control))
      initComponents(this.reportPanel)
      this.reportPanel.querySelector('textarea')?.focus()
    })
    return control
  }

  private reportForm(control: HTMLButtonElement): HTMLFormElement {
    const reason = textarea({
      id: `report-${this.post.id}-reason`,
      name: 'reason',
      label: 'Why should a moderator look at this post?',
      hint: 'For example: it identifies a person who uses services, or it is offensive.',
      rows: 3,
    })
    const fields = { reason }
    const form = apiForm({
      fields,
      area: this.context.area,
      submitLabel: 'Send report',
      check: () => {
        const text = reason.textarea.value.trim()
        if (!text) return [{ field: 'reason', message: 'Enter why a moderator should look at this post' }]
        if ([...text].length > 500) return [{ field: 'reason', message: 'Reason must be 500 characters or fewer' }]
        return []
      },
      send: async () => {
        await api.post(`/posts/${this.post.id}/flags`, { reason: reason.textarea.value.trim() })
        this.context.area.clear(fields)
        // Reported once is enough: the button goes, and the thanks take its place and the focus.
        const thanks = h(
          'p',
          { class: 'govuk-body', tabindex: -1 },
          'Thank you. You have reported this post and a moderator will look at it.',
        )
        control.hidden = true
        replaceContent(this.reportPanel, thanks)
        thanks.focus()
      },
      problemErrors: (problem) =>
        problem.status === 409 ? [{ field: 'reason', message: 'You have already reported this post' }] : null,
    })
    withCancel(form, () => {
      closePanel(control, this.reportPanel)
      replaceContent(this.reportPanel)
      control.focus()
    })
    return form
  }

  private moderationDetails(): { element: HTMLElement; reason: HTMLElement; control: HTMLButtonElement } {
    const reason = textarea({
      id: `hide-${this.post.id}-reason`,
      name: 'reason',
      label: 'Reason for hiding it',
      hint: 'The author sees this reason.',
      rows: 2,
    })
    const control = button('', { type: 'button', variant: 'warning', small: true })
    control.addEventListener('click', () =>
      runAction(this.context.area, control, async () => {
        const path = `/posts/${this.post.id}/${this.post.hidden ? 'unhide' : 'hide'}`
        const body = this.post.hidden ? {} : { reason: reason.textarea.value.trim() || 'Hidden by a moderator' }
        const changed = await api.post<Post>(path, body)
        this.replace({ ...changed, my_reactions: this.post.my_reactions, accepted: this.post.accepted })
        reason.textarea.value = ''
      }),
    )
    const element = detailsElement(
      'Moderate this post',
      h('div', { class: 'govuk-details__text' }, reason.element, control),
    )
    return { element, reason: reason.element, control }
  }

  private drawModeration(moderation: { reason: HTMLElement; control: HTMLButtonElement }): void {
    moderation.reason.hidden = this.post.hidden
    moderation.control.textContent = this.post.hidden ? 'Unhide post' : 'Hide post'
  }
}

function detailsElement(summary: string, content: HTMLElement): HTMLDetailsElement {
  return h(
    'details',
    { class: 'govuk-details app-post__details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, summary)),
    content,
  )
}

function revisionList(revisions: readonly Revision[]): HTMLElement {
  if (revisions.length === 0) return paragraph('There are no earlier versions.')
  return h(
    'ol',
    { class: 'govuk-list app-revisions' },
    revisions.map((revision, index) =>
      h(
        'li',
        null,
        h(
          'p',
          { class: 'govuk-body-s' },
          h('strong', null, `Version ${index + 1}`),
          `, by ${revision.edited_by.display_name}, `,
          timeElement(revision.created_at),
        ),
        h('div', { class: 'app-post__body' }, postHtml(revision.body_html, 5)),
      ),
    ),
  )
}
