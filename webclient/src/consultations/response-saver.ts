// Saves a draft response as it is written: a change waits a moment for the next one, then goes as one PUT with
// If-Match from the last ETag. One save is under way at a time, so each builds on the version the one before
// made. When someone else from the authority saved in between (412) saving stops for good: their work is never
// overwritten, and the page says so.

import * as api from '../api'
import type { Answers, ConsultationResponse, ResponseService } from './types'

const quietMs = 700

export interface SaverEvents {
  saving(): void
  saved(response: ConsultationResponse): void
  /** Someone else saved since this page read the response. */
  conflict(): void
  /** The server refused the save for another reason (closed, invalid answers, personal data, no service). */
  refused(error: unknown): void
}

/** The API address of the caller's response: of one service's, for a consultation that takes one from each. */
export function responsePath(consultationId: number, service: ResponseService | null = null): string {
  const path = `/consultations/${consultationId}/response`
  return service ? `${path}?${new URLSearchParams({ service }).toString()}` : path
}

/** GETs the caller's response and its ETag; null (and no ETag) when nobody has saved one yet. */
export async function loadResponse(
  consultationId: number,
  service: ResponseService | null = null,
): Promise<api.Versioned<ConsultationResponse | null>> {
  try {
    return await api.getVersioned<ConsultationResponse>(responsePath(consultationId, service))
  } catch (error) {
    if (error instanceof api.ApiProblem && error.status === 404) return { body: null, etag: null }
    throw error
  }
}

export class ResponseSaver {
  private timer: number | undefined
  private running: Promise<void> | null = null
  private pending = false
  private stopped = false
  /** The last save failed: the next one goes even if the answers are the same as then. */
  private failed = false
  private lastSent: string

  /** `path`: the response's API address (see responsePath). */
  constructor(
    private readonly path: string,
    private etag: string | null,
    initial: Answers,
    private readonly answers: () => Answers,
    private readonly events: SaverEvents,
  ) {
    this.lastSent = JSON.stringify(initial)
  }

  /** After a change: saves once the person pauses. */
  schedule(): void {
    if (this.stopped) return
    window.clearTimeout(this.timer)
    this.timer = window.setTimeout(() => void this.flush(), quietMs)
  }

  /** Saves now whatever has changed and waits for it; false when the answers could not be saved. */
  async flush(): Promise<boolean> {
    window.clearTimeout(this.timer)
    if (this.stopped) return false
    this.pending = true
    while (this.running) await this.running
    if (this.pending) {
      this.running = this.saveChanges().finally(() => {
        this.running = null
      })
      await this.running
    }
    return !this.stopped && !this.failed
  }

  /** Stops saving, as when the page is left. */
  stop(): void {
    window.clearTimeout(this.timer)
    this.stopped = true
  }

  private async saveChanges(): Promise<void> {
    this.pending = false
    const answers = this.answers()
    const text = JSON.stringify(answers)
    if (text === this.lastSent && !this.failed) return
    this.events.saving()
    try {
      const saved = await api.putVersioned<ConsultationResponse>(this.path, { answers, submit: false }, this.etag)
      this.etag = saved.etag
      this.lastSent = text
      this.failed = false
      this.events.saved(saved.body)
    } catch (error) {
      this.failed = true
      if (error instanceof api.ApiProblem && error.status === 412) {
        this.stop()
        this.events.conflict()
      } else {
        if (error instanceof api.ApiProblem && error.status === 409) this.stop()
        this.events.refused(error)
      }
    }
  }
}
