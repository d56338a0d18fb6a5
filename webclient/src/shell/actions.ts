// Actions run from a button: disabled while under way, the server's refusal shown in the page's message area.

import * as api from '../api'
import type { MessageArea } from './form'

/**
 * Runs a user's action from a button: disabled while under way, and the server's refusal shown at the top. A banner
 * about something earlier ("Your question has been posted") goes: it is not about this action.
 */
export function runAction(area: MessageArea, control: HTMLButtonElement, work: () => Promise<void>): void {
  area.clearBanner()
  control.disabled = true
  work()
    .catch((error: unknown) => {
      if (!(error instanceof api.ApiProblem)) throw error
      area.showErrors({}, [{ field: '', message: error.errors[0]?.message ?? (error.detail || error.title) }])
    })
    .catch((error: unknown) => {
      console.error(error)
      area.showErrors({}, [{ field: '', message: 'Sorry, there is a problem with the service. Try again later.' }])
    })
    .finally(() => {
      control.disabled = false
    })
}
