// A resource's file: the button that downloads its newest version, and the table of every version, newest first,
// each with its name (the download link), type, size, who uploaded it and when, and how often it was downloaded.
// Older versions stay downloadable.

import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { paragraph, visuallyHidden } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import type { Resource, ResourceFile } from './types'
import { fileSize, fileTypeName } from './words'

export function filesTable(resource: Resource): HTMLElement {
  if (resource.files.length === 0) {
    return paragraph(
      resource.link_url ? 'There is no file to download: follow the link to the resource.' : 'No file uploaded yet.',
    )
  }
  const newest = resource.files[0]?.version
  return scrollingTable({
    caption: 'Versions of the file, newest first',
    captionHidden: true,
    columns: [
      { header: 'Version' },
      { header: 'File' },
      { header: 'Type and size' },
      { header: 'Uploaded' },
      { header: 'Downloads', numeric: true },
    ],
    firstCellIsHeader: true,
    rows: resource.files.map((file) => [
      file.version === newest ? `${file.version} (latest)` : String(file.version),
      downloadLink(file),
      `${fileTypeName(file.content_type)}, ${fileSize(file.size)}`,
      [timeElement(file.uploaded_at), ' by ', file.uploaded_by.display_name],
      String(file.download_count),
    ]),
  })
}

/** The newest version as the page's main action: a button that downloads it, with what it is underneath. */
export function downloadAction(resource: Resource): HTMLElement | null {
  const newest = resource.files[0]
  if (!newest) return null
  return h(
    'div',
    { class: 'app-download' },
    h(
      'a',
      {
        class: 'govuk-button govuk-!-margin-bottom-1',
        href: newest.download_url,
        download: '',
        role: 'button',
        draggable: 'false',
        'data-module': 'govuk-button',
      },
      'Download',
      visuallyHidden(` ${newest.original_filename}`),
    ),
    h(
      'p',
      { class: 'govuk-body-s app-download__file' },
      `${newest.original_filename} (${fileTypeName(newest.content_type)}, ${fileSize(newest.size)})`,
      resource.files.length > 1 ? `: version ${newest.version}, the latest` : '',
    ),
  )
}

function downloadLink(file: ResourceFile): HTMLAnchorElement {
  // An API address with `download`: the browser saves the answer (sent as an attachment) instead of routing to it.
  return h(
    'a',
    { class: 'govuk-link', href: file.download_url, download: '' },
    visuallyHidden('Download '),
    file.original_filename,
    visuallyHidden(` version ${file.version}`),
  )
}
