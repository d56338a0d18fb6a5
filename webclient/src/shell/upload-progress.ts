// The progress of a file being uploaded: a labelled bar under the file box, and a few polite words for screen
// readers at the start, half way and the end (every percent read aloud would drown everything else).

import { h } from './dom'
import type { LiveRegion } from './live-region'

export interface UploadProgressOptions {
  /** A class for the bar, when the page styles it. */
  barClass?: string
  /** What the server does once it has the whole file, as in "Uploaded report.csv: checking the figures". */
  checking: string
  /** What is announced when the whole file has been sent. */
  uploadedAnnouncement: (name: string) => string
}

export interface UploadProgress {
  /** The label and bar, hidden until an upload starts; put it in the form before its button. */
  readonly element: HTMLElement
  start(name: string): void
  /** For `api.upload`'s `onProgress`. */
  update(name: string, sent: number, total: number): void
  hide(): void
}

export function uploadProgress(live: LiveRegion, options: UploadProgressOptions): UploadProgress {
  const label = h('label', { class: 'govuk-label', for: 'upload-progress' })
  const bar = h('progress', { id: 'upload-progress', class: options.barClass, max: 100, value: 0 })
  const element = h('div', { class: 'govuk-form-group', hidden: true }, label, bar)
  let announcedHalf = false
  const show = (name: string, percent: number): void => {
    bar.value = percent
    bar.textContent = `${percent}%`
    label.textContent = percent < 100 ? `Uploading ${name}: ${percent}%` : `Uploaded ${name}: ${options.checking}`
  }
  return {
    element,
    start(name) {
      element.hidden = false
      show(name, 0)
      live.announce(`Uploading ${name}`)
      announcedHalf = false
    },
    update(name, sent, total) {
      const percent = total > 0 ? Math.min(100, Math.floor((sent / total) * 100)) : 0
      show(name, percent)
      if (percent >= 50 && percent < 100 && !announcedHalf) {
        announcedHalf = true
        live.announce('Half uploaded')
      }
      if (percent === 100) live.announce(options.uploadedAnnouncement(name))
    },
    hide() {
      element.hidden = true
    },
  }
}
