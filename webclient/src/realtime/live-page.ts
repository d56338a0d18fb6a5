// What a page that follows one channel needs: it listens before it loads its data, so no change in between is
// lost, and it holds the events that arrive before it is built, to apply them once it is.

import { type EventHandlers, subscribe } from './realtime'

export interface LivePage<Events> {
  handlers(): EventHandlers<Events>
  /** The events since the page loaded its data cannot all be replayed: load the data again. */
  reload(): Promise<unknown>
}

/**
 * Subscribes `page` to `channel` until `left` aborts, and resolves once the server has confirmed it: data loaded
 * afterwards misses no event.
 */
export async function listenBeforeLoading<Events>(
  channel: string,
  page: LivePage<Events>,
  left: AbortSignal,
): Promise<void> {
  const subscription = subscribe<Events>([channel], { on: page.handlers(), reload: () => void page.reload() }, left)
  await subscription.ready
}

/** Events that arrive before the page is built wait here, in order, until `release()`. */
export class HeldEvents {
  private waiting: (() => void)[] | null = []

  /** True until the page is built. */
  get holding(): boolean {
    return this.waiting !== null
  }

  /** Wraps a handler so that it waits while the page is not built yet (bound, to pass around on its own). */
  readonly later =
    <Data>(handle: (data: Data) => void) =>
    (data: Data): void => {
      if (this.waiting) this.waiting.push(() => handle(data))
      else handle(data)
    }

  /** The page is built: applies what waited, and lets later events through at once. */
  release(): void {
    const waiting = this.waiting ?? []
    this.waiting = null
    for (const apply of waiting) apply()
  }
}
