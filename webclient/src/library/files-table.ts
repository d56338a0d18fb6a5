// The versions of a resource's file, newest first: each with its name (the download link), type, size, who
// uploaded it and when, and how often it was downloaded. Older versions stay downloadable.

import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { paragraph, visuallyHidden } from '../shell/govuk'
import { table } from '../shell/tables'
import type { Resource, ResourceFile } from './types'
import { fileSize, fileTypeName } from './words'

export function filesTable(resource: Resource): HTMLElement {
  if (resource.files.length === 0) {
    return paragraph(
      resource.link_url ? 'There is no file to download: follow the link to the resource.' : 'No file uploaded yet.',
    )
  }
  const newest = resource.files[0]?.version
  return table({
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
