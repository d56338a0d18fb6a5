// A table of a group's actions: what is to be done, by whom, by when (overdue or done), the meeting it came from, and
// for the reader the buttons they may use: the owner marks it done or not done, the group's owners change it.

import * as api from '../api'
import { redrawWhenFree } from '../groups/redraw'
import { runAction } from '../shell/actions'
import { type Child, h, replaceContent } from '../shell/dom'
import type { MessageArea } from '../shell/form'
import { button, initComponents, link, paragraph, visuallyHidden } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import type { GroupAction } from './types'
import { actionTag, dueWords, editActionPath, meetingPath } from './words'

export interface ActionTableOptions {
  caption: string
  /** What to say when there are no actions. */
  empty: string
  /** Whether to say which meeting each action came from; not under the meeting itself. */
  showMeeting: boolean
  /** Whether to offer the reader's buttons and links (marking done, changing); not in a summary of the actions. */
  controls: boolean
  /** Where a refusal or a success is shown. */
  area: MessageArea
  /** Reads the actions again after the reader changed one here. */
  changed: () => Promise<void>
}

export class ActionTable {
  readonly element = h('div')

  constructor(
    private actions: readonly GroupAction[],
    private readonly options: ActionTableOptions,
  ) {
    this.draw()
  }

  get count(): number {
    return this.actions.length
  }

  /** Shows `actions`, once the reader is not using the table. */
  update(actions: readonly GroupAction[]): void {
    this.actions = actions
    redrawWhenFree(this.element, () => this.draw())
  }

  private draw(): void {
    const actions = this.actions
    const controls = this.options.controls && actions.some((action) => action.can_complete || action.can_edit)
    replaceContent(
      this.element,
      actions.length === 0
        ? paragraph(this.options.empty)
        : scrollingTable({
            caption: this.options.caption,
            captionHidden: true,
            firstCellIsHeader: true,
            columns: [
              { header: 'Action' },
              { header: 'Owner' },
              { header: 'Due' },
              ...(this.options.showMeeting ? [{ header: 'From meeting' }] : []),
              ...(controls ? [{ header: 'Update' }] : []),
            ],
            rows: actions.map((action) => [
              action.title,
              `${action.owner.display_name}, ${action.owner.organisation.name}`,
              dueCell(action),
              ...(this.options.showMeeting
                ? [
                    action.meeting
                      ? link(meetingPath({ id: action.meeting.id, group: action.group }), action.meeting.title)
                      : 'None',
                  ]
                : []),
              ...(controls ? [this.controlsFor(action)] : []),
            ]),
          }),
    )
    // Each row can be linked to, as a notification about the action is ("/groups/3/actions#action-12").
    this.element.querySelectorAll('tbody tr').forEach((row, index) => {
      const action = actions[index]
      if (action) row.id = actionRowId(action)
    })
    if (this.element.isConnected) initComponents(this.element)
  }

  private controlsFor(action: GroupAction): Child {
    const toggle = action.can_complete
      ? button([action.done ? 'Mark as not done' : 'Mark as done', visuallyHidden(` ${action.title}`)], {
          type: 'button',
          variant: 'secondary',
          small: true,
        })
      : null
    toggle?.addEventListener('click', () =>
      runAction(this.options.area, toggle, async () => {
        const changed = await api.patch<GroupAction>(`/actions/${action.id}`, { done: !action.done })
        await this.options.changed()
        this.options.area.showBanner(
          {},
          {
            success: true,
            heading: changed.done ? `‘${changed.title}’ is done` : `‘${changed.title}’ is no longer marked as done`,
          },
        )
      }),
    )
    return h(
      'div',
      { class: 'govuk-button-group app-member-actions' },
      toggle,
      action.can_edit &&
        h('a', { class: 'govuk-link', href: editActionPath(action) }, 'Change', visuallyHidden(` ${action.title}`)),
    )
  }
}

function actionRowId(action: Pick<GroupAction, 'id'>): string {
  return `action-${action.id}`
}

function dueCell(action: GroupAction): Child {
  const status = actionTag(action)
  return [dueWords(action), status && [' ', status]]
}
