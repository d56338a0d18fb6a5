// Redrawing a part of a page that changed live without taking the reader's focus from it: while focus is inside, the
// redraw waits until focus leaves.

const waiting = new WeakSet<HTMLElement>()

/** Runs `draw` now, or once focus has left `part` when it is inside; several waiting redraws become the last one. */
export function redrawWhenFree(part: HTMLElement, draw: () => void): void {
  if (!part.contains(document.activeElement)) {
    draw()
    return
  }
  latest.set(part, draw)
  if (waiting.has(part)) return
  waiting.add(part)
  const left = (event: FocusEvent): void => {
    if (event.relatedTarget instanceof Node && part.contains(event.relatedTarget)) return
    part.removeEventListener('focusout', left)
    waiting.delete(part)
    latest.get(part)?.()
    latest.delete(part)
  }
  part.addEventListener('focusout', left)
}

const latest = new WeakMap<HTMLElement, () => void>()
