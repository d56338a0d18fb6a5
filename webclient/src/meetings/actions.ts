// A group's actions on a page of their own: open ones (soonest due first), done ones, or all, with who owns each, when
// it is due and the meeting it came from. Owners mark their actions done or not done here; the group's owners change
// them. It listens to group:{id}: actions given, changed and done elsewhere appear as they happen.

import * as api from '../api'
import { type Group, groupChannel } from '../groups/types'
import { groupPath } from '../groups/words'
import { HeldEvents, listenBeforeLoading } from '../realtime/live-page'
import type { EventHandlers } from '../realtime/realtime'
import { h } from '../shell/dom'
import { radios } from '../shell/fields'
import { MessageArea } from '../shell/form'
import { button, caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { ActionTable } from './action-table'
import type { ActionState, GroupActionList, MeetingEvents } from './types'
import { actionCount, actionStates, actionsPath, stateNames } from './words'

const empties: Readonly<Record<ActionState, string>> = {
  open: 'There are no open actions.',
  done: 'No actions are done yet.',
  all: 'There are no actions.',
}

const intros: Readonly<Record<ActionState, string>> = {
  open: 'Actions not done yet, soonest due first.',
  done: 'Actions that are done, latest first.',
  all: 'Every action of the group.',
}

export async function actionsPage(context: PageContext): Promise<PageView> {
  const groupId = Number(context.params['gid'])
  const asked = context.query.get('state')
  const state = actionStates.find((known) => known === asked) ?? 'open'
  const group = await api.get<Group>(`/groups/${groupId}`)
  const page = new ActionsPage(group, state)
  if (context.flash) page.area.showBanner({}, { success: true, heading: context.flash })
  // Listen first, then load: an action given or done after the list was read arrives as an event.
  await listenBeforeLoading<MeetingEvents>(groupChannel(group.id), page, context.left)
  const actions = await page.read()
  const heading = 'Actions'
  return {
    title: `${heading} – ${group.name}`,
    content: [
      twoThirds(
        h('a', { class: 'govuk-back-link', href: groupPath(group) }, `Back to ${group.name}`),
        page.area.element,
        caption(group.name),
        pageHeading(heading),
        paragraph(intros[state]),
        filterForm(group, state),
      ),
      page.build(actions),
    ],
  }
}

class ActionsPage {
  readonly area = new MessageArea()
  private readonly live = liveRegion()
  private readonly held = new HeldEvents()
  private readonly total = paragraph()
  private table: ActionTable | null = null

  constructor(
    private readonly group: Group,
    private readonly state: ActionState,
  ) {}

  handlers(): EventHandlers<MeetingEvents> {
    const changed = this.held.later(() => {
      this.reload().catch((error: unknown) => console.warn('The actions could not be brought up to date', error))
    })
    return { 'action.created': changed, 'action.updated': changed }
  }

  read(): Promise<GroupActionList> {
    return api.get<GroupActionList>(`/groups/${this.group.id}/actions`, { state: this.state })
  }

  build(actions: GroupActionList): HTMLElement {
    this.table = new ActionTable(actions.items, {
      caption: `${stateNames[this.state]} actions of ${this.group.name}`,
      empty: empties[this.state],
      showMeeting: true,
      controls: true,
      area: this.area,
      changed: () => this.reload(),
    })
    this.total.textContent = actionCount(actions.items.length)
    this.held.release()
    return h('div', null, this.total, this.table.element, this.live.element)
  }

  async reload(): Promise<void> {
    if (this.held.holding || !this.table) return
    const actions = await this.read()
    const before = this.table.count
    this.table.update(actions.items)
    this.total.textContent = actionCount(actions.items.length)
    if (actions.items.length !== before) this.live.announce(`${actionCount(actions.items.length)} now`)
  }
}

/** Which actions to show, as a GET form: the choice is in the address, to bookmark and go back to. */
function filterForm(group: Group, state: ActionState): HTMLFormElement {
  const choice = radios({
    id: 'state',
    name: 'state',
    legend: 'Show',
    legendClass: 'govuk-fieldset__legend--s',
    choices: actionStates.map((value) => ({ value, text: stateNames[value] })),
    values: [state],
    small: true,
    inline: true,
  })
  return h(
    'form',
    { method: 'get', action: actionsPath(group), novalidate: true },
    choice.element,
    button('Show actions', { variant: 'secondary' }),
  )
}
