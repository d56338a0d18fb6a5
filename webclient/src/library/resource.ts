// A resource: its summary and facts, the versions of its file to download, who uses it (with "We use this too"),
// and the discussions about it, with who will be able to read a new one. It listens to resource:{id}: adoptions, new
// versions, edits and deletion appear as they happen, announced politely, without moving the reader's focus.

import * as api from '../api'
import { postHtml } from '../forum/post-html'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import { HeldEvents, listenBeforeLoading } from '../realtime/live-page'
import { h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, insetText, paragraph } from '../shell/govuk'
import { type LiveRegion, liveRegion } from '../shell/live-region'
import { notificationBanner } from '../shell/notices'
import type { PageContext, PageView } from '../shell/page'
import { Adoption } from './adoption'
import { downloadAction, filesTable } from './files-table'
import { resourceDetails } from './resource-details'
import { discussionReaders, discussionsSection, ownerRegion } from './resource-discussions'
import { groupNamed } from './groups'
import { type LibraryGroup, type Resource, type ResourceEvents, resourceChannel } from './types'
import { typeNames } from './words'

export async function resourcePage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const me = await refreshUser()
  const page = new ResourcePage(me, context.flash)
  // Listen first, then load: every change after the resource was read arrives as an event.
  await listenBeforeLoading<ResourceEvents>(resourceChannel(id), page, context.left)
  const resource = await api.get<Resource>(`/resources/${id}`)
  await page.readAudience(resource)
  return { title: resource.title, content: page.build(resource) }
}

type Handlers = { [Name in keyof ResourceEvents]: (data: ResourceEvents[Name]) => void }

class ResourcePage {
  private resource!: Resource
  private adoption!: Adoption
  private readonly area = new MessageArea()
  private readonly live: LiveRegion = liveRegion()
  /** Events that arrive before the resource is on the page wait here. */
  private readonly held = new HeldEvents()
  private readonly deletedBanner = h('div')
  private readonly typeCaption = h('div')
  private readonly heading = h('h1', { class: 'govuk-heading-l' })
  private readonly summary = h('div', { class: 'app-resource__summary' })
  private readonly externalLink = h('div')
  private readonly details = h('div')
  private readonly files = h('div')
  /** The newest version of the file, to download: the page's main action. */
  private readonly download = h('div')
  private readonly editorActions = h('div')
  /** Deleting, at the foot of the page, away from editing. */
  private readonly deleteAction = h('div')
  /** Who will be able to read a discussion started here. */
  private readonly readers = insetText()
  /** The owner's region (its name, or null for none), read from the directory once the resource is a region's. */
  private region: { name: string | null } | null = null
  /** The group the resource is shared with, read once it is shared with one; null when the reader cannot see it. */
  private group: { id: number; found: LibraryGroup | null } | null = null

  constructor(
    private readonly me: Me,
    private readonly flash: string | null,
  ) {}

  handlers(): Handlers {
    const { later } = this.held
    return {
      'resource.endorsements': later(({ organisations }) => this.adoption.changed(organisations)),
      'resource.file_added': later(({ version }) => {
        if (this.resource.files.some((file) => file.version === version)) return
        void this.reload().then(() => this.live.announce(`Version ${version} of the file was uploaded`))
      }),
      'resource.updated': later(() => {
        void this.reload().then(() => this.live.announce('This resource was updated'))
      }),
      'resource.deleted': later(() => this.deleted('This resource has been deleted')),
    }
  }

  build(resource: Resource): HTMLElement[] {
    this.resource = resource
    this.adoption = new Adoption(resource, this.me, this.area, this.live)
    if (this.flash) this.area.showBanner({}, { heading: this.flash, success: true })
    this.draw()
    this.held.release()
    return [
      h('a', { class: 'govuk-back-link', href: '/library' }, 'Back to the library'),
      this.area.element,
      this.deletedBanner,
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          this.typeCaption,
          this.heading,
          this.summary,
          this.externalLink,
          this.download,
          this.editorActions,
        ),
        h(
          'div',
          { class: 'govuk-grid-column-one-third' },
          h(
            'aside',
            { 'aria-labelledby': 'about-heading' },
            h('h2', { class: 'govuk-heading-s', id: 'about-heading' }, 'About this resource'),
            this.details,
          ),
        ),
      ),
      h(
        'section',
        { class: 'app-section', 'aria-labelledby': 'files-heading' },
        h('h2', { class: 'govuk-heading-m', id: 'files-heading' }, 'Files'),
        this.files,
      ),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          this.adoption.element,
          discussionsSection(resource, this.area, this.readers),
          this.deleteAction,
        ),
      ),
      this.live.element,
    ]
  }

  /**
   * Learns who would read a discussion of the resource: the name of the owner's region when it is the region's, the
   * privacy of the group it is shared with when it is a group's.
   */
  async readAudience(resource: Resource): Promise<void> {
    if (resource.visibility === 'region' && this.region === null) this.region = { name: await ownerRegion(resource) }
    const group = resource.group
    if (group && this.group?.id !== group.id) this.group = { id: group.id, found: await groupNamed(String(group.id)) }
  }

  /** Reads the resource again (after a change, or a gap in the live updates) and shows it. */
  async reload(): Promise<void> {
    if (this.held.holding) return
    try {
      const fresh = await api.get<Resource>(`/resources/${this.resource.id}`)
      await this.readAudience(fresh)
      this.resource = fresh
      this.draw()
      this.adoption.changed(fresh.endorsements.map((endorsement) => endorsement.organisation))
    } catch (error) {
      // Deleted, or no longer shared with this reader's organisation: the server answers the same.
      if (error instanceof api.ApiProblem && error.status === 404) this.deleted('This resource is no longer available')
      else console.warn('The resource could not be read again', error)
    }
  }

  private draw(): void {
    const resource = this.resource
    replaceContent(this.typeCaption, caption(typeNames[resource.type] ?? resource.type))
    this.heading.textContent = resource.title
    replaceContent(this.summary, postHtml(resource.summary_html, 2))
    replaceContent(
      this.externalLink,
      resource.link_url &&
        paragraph(
          'Go to the resource: ',
          h(
            'a',
            { class: 'govuk-link', href: resource.link_url, rel: 'external noopener noreferrer' },
            resource.link_url,
          ),
        ),
    )
    replaceContent(this.details, resourceDetails(resource))
    this.readers.textContent = discussionReaders(resource, this.region?.name ?? null, this.group?.found ?? null)
    replaceContent(
      this.files,
      filesTable(resource),
      resource.may_edit &&
        buttonLink(
          `/library/${resource.id}/upload`,
          resource.files.length === 0 ? 'Upload a file' : 'Upload a new version',
          'secondary',
        ),
    )
    replaceContent(this.download, downloadAction(resource))
    replaceContent(
      this.editorActions,
      resource.may_edit && buttonLink(`/library/${resource.id}/edit`, 'Edit details', 'secondary'),
    )
    replaceContent(
      this.deleteAction,
      resource.may_edit &&
        h(
          'section',
          { class: 'app-section', 'aria-labelledby': 'delete-heading' },
          h('h2', { class: 'govuk-heading-m', id: 'delete-heading' }, 'Delete this resource'),
          paragraph('It leaves the library for everyone, with every version of its file. You will be asked first.'),
          buttonLink(`/library/${resource.id}/delete`, 'Delete this resource', 'warning'),
        ),
    )
  }

  private deleted(heading: string): void {
    if (this.deletedBanner.childElementCount > 0) return
    replaceContent(
      this.deletedBanner,
      notificationBanner({ heading, body: 'It is no longer listed, and its files cannot be downloaded.' }),
    )
    replaceContent(this.download)
    replaceContent(this.editorActions)
    replaceContent(this.deleteAction)
    this.live.announce(heading)
  }
}
