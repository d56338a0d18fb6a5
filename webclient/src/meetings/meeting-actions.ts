// "Actions from this meeting": the group's actions that came from the meeting, and for those who may change the
// meeting the form that gives one of the group's members an action, due on a day.

import * as api from '../api'
import type { GroupMember } from '../groups/types'
import { h } from '../shell/dom'
import { MessageArea, apiForm } from '../shell/form'
import { paragraph } from '../shell/govuk'
import { actionQuestions } from './action-fields'
import { ActionTable } from './action-table'
import type { GroupAction, GroupActionList, Meeting, NewGroupAction } from './types'

/** The group's actions (done ones too) that came from `meeting`. */
export async function loadMeetingActions(meeting: Pick<Meeting, 'id' | 'group'>): Promise<GroupAction[]> {
  const all = await api.get<GroupActionList>(`/groups/${meeting.group.id}/actions`, { state: 'all' })
  return all.items.filter((action) => action.meeting?.id === meeting.id)
}

export class MeetingActionsSection {
  readonly element: HTMLElement
  private readonly area = new MessageArea()
  private readonly table: ActionTable

  /** `members` are the group's, to choose an owner from; empty for those who may not give actions. */
  constructor(
    private readonly meeting: Meeting,
    actions: readonly GroupAction[],
    members: readonly GroupMember[],
  ) {
    this.table = new ActionTable(actions, {
      caption: `Actions from ${meeting.title}`,
      empty: 'No actions have come from this meeting yet.',
      showMeeting: false,
      controls: true,
      area: this.area,
      changed: () => this.reload(),
    })
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'meeting-actions' },
      this.area.element,
      h('h2', { class: 'govuk-heading-m', id: 'meeting-actions' }, 'Actions from this meeting'),
      this.table.element,
      meeting.can_manage && members.length > 0 && this.addForm(members),
    )
  }

  async reload(): Promise<void> {
    this.table.update(await loadMeetingActions(this.meeting))
  }

  private addForm(members: readonly GroupMember[]): HTMLElement {
    const questions = actionQuestions(members, null, 'action')
    const form = apiForm({
      fields: questions.fields,
      area: this.area,
      submitLabel: 'Add action',
      submitVariant: 'secondary',
      check: () => questions.check(),
      send: async () => {
        const action: NewGroupAction = { ...questions.answers(), meeting_id: this.meeting.id }
        const added = await api.post<GroupAction>(`/groups/${this.meeting.group.id}/actions`, action)
        form.reset()
        await this.reload()
        this.area.showBanner(questions.fields, {
          success: true,
          heading: `${added.owner.display_name} has been given the action`,
          body: added.title,
        })
      },
      problemErrors: (problem) => questions.problemErrors(problem),
    })
    return h(
      'div',
      null,
      h('h3', { class: 'govuk-heading-s' }, 'Add an action'),
      paragraph('Its owner is told, and reminded the day before it is due and on the day.'),
      form,
    )
  }
}
