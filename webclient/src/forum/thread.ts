// A discussion: the question (or opening post), its audience and status, the replies, and the reply form. It
// listens to thread:{id}: replies, edits, reactions, the accepted answer, hiding and locking appear as they happen,
// announced politely, without moving the reader's focus.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import { HeldEvents, listenBeforeLoading } from '../realtime/live-page'
import { h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { button, caption, details, insetText, link, pageHeading, paragraph, tag } from '../shell/govuk'
import { type LiveRegion, liveRegion } from '../shell/live-region'
import { notificationBanner } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'
import { summaryList } from '../shell/tables'
import { count, sectorName } from '../shell/words'
import { postForm } from './post-form'
import { runAction } from '../shell/actions'
import { PostView } from './post-view'
import {
  type DiscussionGroup,
  type Post,
  type Thread,
  type ThreadEvents,
  type ThreadSummary,
  threadChannel,
} from './types'
import {
  audienceNames,
  discussionGroupPath,
  kindNames,
  readersSentence,
  statusTag,
  tagPath,
  threadStatus,
} from './words'

export async function threadPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const me = await refreshUser()
  const page = new ThreadPage(me, context.flash)
  // Listen first, then load: every change after the discussion was read arrives as an event.
  await listenBeforeLoading<ThreadEvents>(threadChannel(id), page, context.left)
  const thread = await api.get<Thread>(`/threads/${id}`)
  // Who reads a group's discussion follows the group's privacy, which the group's page knows.
  const group = thread.group ? await api.get<DiscussionGroup>(`/groups/${thread.group.id}`).catch(noGroup) : null
  return { title: thread.title, content: page.build(thread, group) }
}

/** The group cannot be read (it has become private meanwhile): the discussion is shown without its privacy. */
function noGroup(error: unknown): null {
  if (error instanceof api.ApiProblem && !error.isServiceFailure && error.status !== 401) return null
  throw error
}

type Handlers = { [Name in keyof ThreadEvents]: (data: ThreadEvents[Name]) => void }

class ThreadPage {
  private thread!: Thread
  /** The group it was started in, as the reader sees it; null when none, or when the group cannot be read. */
  private group: DiscussionGroup | null = null
  private readonly area = new MessageArea()
  private readonly live: LiveRegion = liveRegion()
  private readonly views = new Map<number, PostView>()
  /** Events that arrive before the discussion is on the page wait here. */
  private readonly held = new HeldEvents()
  private readonly statusLine = h('p', { class: 'govuk-body app-thread__status' })
  /** Who can read it, when that is not the whole network. */
  private readonly readers = h('div')
  private readonly lockedBanner = h('div')
  private readonly opening = h('div', { class: 'app-thread__opening' })
  private readonly repliesHeading = h('h2', { class: 'govuk-heading-m', id: 'replies' })
  private readonly replies = h('div', { class: 'app-thread__replies' })
  private readonly replySection = h('section', { class: 'app-section', 'aria-labelledby': 'reply-heading' })
  private readonly followButton = button('', { type: 'button', variant: 'secondary' })
  private readonly lockButton = button('', { type: 'button', variant: 'warning' })

  constructor(
    private readonly me: Me,
    private readonly flash: string | null,
  ) {
    this.followButton.addEventListener('click', () =>
      runAction(this.area, this.followButton, async () => {
        const path = `/threads/${this.thread.id}/subscription`
        if (this.thread.subscribed) await api.del(path)
        else await api.put(path)
        this.thread = { ...this.thread, subscribed: !this.thread.subscribed }
        this.drawFollow()
      }),
    )
    this.lockButton.addEventListener('click', () =>
      runAction(this.area, this.lockButton, async () => {
        const summary = await api.post<ThreadSummary>(
          `/threads/${this.thread.id}/${this.thread.locked ? 'unlock' : 'lock'}`,
          {},
        )
        this.setLocked(summary.locked)
      }),
    )
  }

  handlers(): Handlers {
    const { later } = this.held
    return {
      'post.created': later(({ post, thread }) => this.postArrived(post, thread)),
      'post.updated': later(({ post }) => this.postChanged(post, 'A post was edited')),
      'post.unhidden': later(({ post }) => this.postChanged(post, 'A post is shown again')),
      'post.hidden': later(({ post_id }) => {
        const view = this.views.get(post_id)
        if (!view || view.post.hidden) return
        view.setHidden()
        this.live.announce('A post was hidden by a moderator')
      }),
      'reactions.changed': later(({ post_id, reactions }) => this.views.get(post_id)?.setReactions(reactions)),
      'thread.accepted': later(({ accepted_post_id }) => {
        if (accepted_post_id === this.thread.accepted_post_id) return
        this.setAccepted(accepted_post_id)
        this.live.announce(accepted_post_id === null ? 'The accepted answer was removed' : 'An answer was accepted')
      }),
      'thread.locked': later(() => {
        if (this.thread.locked) return
        this.setLocked(true)
        this.live.announce('This discussion has been locked')
      }),
      'thread.unlocked': later(() => {
        if (!this.thread.locked) return
        this.setLocked(false)
        this.live.announce('This discussion has been unlocked')
      }),
    }
  }

  build(thread: Thread, group: DiscussionGroup | null): HTMLElement[] {
    this.thread = thread
    this.group = group
    if (this.flash) this.area.showBanner({}, { heading: this.flash, success: true })
    for (const post of thread.posts) this.addPost(post)
    this.drawStatus()
    this.drawReaders()
    this.drawLocked()
    this.drawFollow()
    this.drawReplyCount()
    this.drawReplySection()
    this.held.release()
    return [
      this.area.element,
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          caption(`${kindNames[thread.kind]} · ${sectorName(thread.sector)}`),
          pageHeading(thread.title),
          thread.group &&
            h(
              'p',
              { class: 'govuk-body app-thread__group' },
              'In ',
              link(discussionGroupPath(thread.group), thread.group.name),
            ),
          this.statusLine,
          this.readers,
          this.lockedBanner,
          this.opening,
          h('div', { class: 'govuk-button-group' }, this.followButton, thread.can_moderate && this.lockButton),
          this.repliesHeading,
          this.replies,
          this.replySection,
        ),
        h('div', { class: 'govuk-grid-column-one-third' }, aboutThread(thread)),
      ),
      this.live.element,
    ]
  }

  /** The connection was down longer than the server remembers: read the discussion again and merge it in. */
  async reload(): Promise<Thread> {
    const fresh = await api.get<Thread>(`/threads/${this.thread.id}`)
    if (this.held.holding) return fresh
    for (const post of fresh.posts) {
      const view = this.views.get(post.id)
      if (view) view.replace(post)
      else this.addPost(post)
    }
    this.thread = { ...fresh, posts: [] }
    // The readers follow the resource a discussion was started from, whose visibility may have changed meanwhile.
    this.drawReaders()
    this.setAccepted(fresh.accepted_post_id)
    this.setLocked(fresh.locked)
    this.drawReplyCount()
    return fresh
  }

  private addPost(post: Post): void {
    const view = new PostView(post, {
      me: this.me,
      thread: () => this.thread,
      area: this.area,
      accept: (postId) => this.accept(postId),
      reloadThread: () => this.reload(),
    })
    this.views.set(post.id, view)
    if (post.is_opening) this.opening.append(view.element)
    else this.replies.append(view.element)
  }

  private postArrived(post: Post, summary: ThreadSummary): void {
    this.thread = { ...this.thread, reply_count: summary.reply_count, last_activity_at: summary.last_activity_at }
    if (this.views.has(post.id)) return
    // Posts in events are as everyone sees them; what this reader may do is worked out here.
    this.addPost({ ...post, my_reactions: [], accepted: post.id === this.thread.accepted_post_id })
    this.drawReplyCount()
    // The author's own reply can arrive here before the answer to their request: they know about it already.
    if (post.author.id === this.me.id) return
    const what = this.thread.kind === 'question' ? 'answer' : 'reply'
    this.live.announce(`New ${what} from ${post.author.display_name}, ${post.author.organisation.name}`)
  }

  private postChanged(post: Post, announcement: string): void {
    const view = this.views.get(post.id)
    if (!view) return
    const before = view.post
    if (before.edited_at === post.edited_at && before.hidden === post.hidden) return
    view.replace({
      ...post,
      my_reactions: before.my_reactions,
      // The Markdown is only ever the author's and moderators'; events carry none, so it is read when needed.
      body_markdown: post.body_markdown,
      accepted: before.accepted,
      can_edit: before.can_edit,
    })
    this.live.announce(announcement)
  }

  private async accept(postId: number | null): Promise<void> {
    const thread = await api.post<Thread>(`/threads/${this.thread.id}/accept`, { post_id: postId })
    this.setAccepted(thread.accepted_post_id)
  }

  private setAccepted(postId: number | null): void {
    this.thread = { ...this.thread, accepted_post_id: postId }
    this.thread.status = threadStatus(this.thread)
    for (const view of this.views.values()) view.refreshAcceptance()
    this.drawStatus()
  }

  private setLocked(locked: boolean): void {
    this.thread = { ...this.thread, locked }
    this.drawStatus()
    this.drawLocked()
    this.drawReplySection()
  }

  private drawStatus(): void {
    const thread = this.thread
    replaceContent(
      this.statusLine,
      statusTag(threadStatus(thread)),
      thread.locked && [' ', tag('Locked', 'grey')],
      thread.tags.length > 0 && [
        h('span', { class: 'govuk-visually-hidden' }, ' Tags: '),
        thread.tags.map((name) => [' ', h('a', { class: 'govuk-link app-tag-link', href: tagPath(name) }, name)]),
      ],
    )
  }

  private drawReaders(): void {
    const sentence = readersSentence(this.thread.readers, this.group?.privacy === 'open')
    replaceContent(this.readers, sentence !== null && insetText(sentence))
  }

  private drawLocked(): void {
    replaceContent(
      this.lockedBanner,
      this.thread.locked &&
        notificationBanner({
          heading: 'This discussion is locked',
          body: this.thread.can_moderate
            ? 'Members cannot reply to it. As a moderator you still can.'
            : 'No one can reply to it now.',
        }),
    )
    replaceContent(this.lockButton, this.thread.locked ? 'Unlock discussion' : 'Lock discussion')
  }

  private drawFollow(): void {
    replaceContent(this.followButton, this.thread.subscribed ? 'Stop following' : 'Follow this discussion')
  }

  private drawReplyCount(): void {
    const replies = this.views.size - 1
    const [one, many] = this.thread.kind === 'question' ? ['answer', 'answers'] : ['reply', 'replies']
    this.repliesHeading.textContent = count(replies, one, many)
    if (replies === 0 && this.replies.childElementCount === 0) {
      this.replies.append(paragraph(`No ${many} yet.`))
    } else if (replies > 0) {
      this.replies.querySelector(':scope > p')?.remove()
    }
  }

  /** The reply form, or why there is none; left alone while the reader is writing in it. */
  private drawReplySection(): void {
    const open = !this.thread.locked || this.thread.can_moderate
    const form = this.replySection.querySelector('form')
    // A reader in the middle of writing keeps the form; if it is locked meanwhile, the server says so on sending.
    if (form && (open || form.contains(document.activeElement))) return
    const question = this.thread.kind === 'question'
    const heading = h('h2', { class: 'govuk-heading-m', id: 'reply-heading' }, question ? 'Your answer' : 'Reply')
    if (!open) {
      replaceContent(this.replySection, heading, paragraph('This discussion is locked, so you cannot reply to it.'))
      return
    }
    replaceContent(
      this.replySection,
      heading,
      postForm({
        idPrefix: 'reply',
        label: question ? 'Answer the question' : 'Your reply',
        submitLabel: question ? 'Post your answer' : 'Post your reply',
        area: this.area,
        send: async (answer) => {
          const post = await api.post<Post>(`/threads/${this.thread.id}/posts`, answer)
          if (!this.views.has(post.id)) this.addPost(post)
          // Replying follows the discussion.
          this.thread = { ...this.thread, subscribed: true }
          this.drawFollow()
          this.drawReplyCount()
        },
        problemErrors: (problem) =>
          problem.status === 409
            ? [{ field: '', message: 'This discussion is locked, so you cannot reply to it' }]
            : null,
      }),
    )
  }
}

/** Who asked, who it is for, and how busy it is. */
function aboutThread(thread: Thread): HTMLElement {
  const organisations = thread.audience_organisations
  // A question asked of a saved group names the group as it was, and its organisations.
  const group = thread.audience_name
  return h(
    'aside',
    { class: 'app-thread__about', 'aria-labelledby': 'about-heading' },
    h('h2', { class: 'govuk-heading-s', id: 'about-heading' }, 'About this discussion'),
    summaryList([
      { key: 'Sector', value: sectorName(thread.sector) },
      thread.group
        ? {
            key: 'Group',
            value: link(discussionGroupPath(thread.group), thread.group.name),
          }
        : {
            key: 'Audience',
            value: group !== null ? askedOf(group, organisations) : (audienceNames[thread.audience] ?? thread.audience),
          },
      { key: 'Views', value: String(thread.view_count) },
    ]),
    group === null &&
      organisations.length > 0 &&
      details(
        `The ${count(organisations.length, 'organisation', 'organisations')} in the audience`,
        h(
          'ul',
          { class: 'govuk-list' },
          organisations.map((organisation) =>
            h('li', null, link(`/organisations/${organisation.id}`, organisation.name)),
          ),
        ),
      ),
  )
}

/** "Asked of Our teaching partnership: Portsmouth, Wiltshire and Kingston upon Thames", each a link. */
function askedOf(group: string, organisations: Thread['audience_organisations']): HTMLElement {
  const links = organisations.flatMap((organisation, index) => [
    index === 0 ? '' : index === organisations.length - 1 ? ' and ' : ', ',
    link(`/organisations/${organisation.id}`, organisation.name),
  ])
  return h('span', null, `Asked of ${group}`, organisations.length > 0 && [': ', links])
}
