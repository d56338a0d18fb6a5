// A consultation's papers as readers see them: each library resource the office attached (the proposals, an impact
// assessment), as GOV.UK shows attachments: a document icon, the title (leading to the resource in the library), what
// kind of resource it is, and a link to download its latest file, with the file's type and size, or to follow its
// link to another website.

import * as api from '../api'
import { fileSize, fileTypeName, resourcePath, typeNames } from '../library/words'
import { h, svg } from '../shell/dom'
import { visuallyHidden } from '../shell/govuk'
import type { ResourceType } from '../library/types'
import type { ConsultationPaper, ConsultationPaperList } from './types'

export async function loadPapers(consultationId: number): Promise<ConsultationPaper[]> {
  return (await api.get<ConsultationPaperList>(`/consultations/${consultationId}/papers`)).items
}

export function paperTypeName(paper: Pick<ConsultationPaper, 'type'>): string {
  return typeNames[paper.type as ResourceType] ?? paper.type
}

/** The papers as a list of attachments; `headingLevel` is that of each paper's title. */
export function paperList(papers: readonly ConsultationPaper[], headingLevel: 'h3' | 'h4' = 'h3'): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list app-attachments' },
    papers.map((paper) => h('li', { class: 'app-attachment' }, thumbnail(), attachmentDetails(paper, headingLevel))),
  )
}

function attachmentDetails(paper: ConsultationPaper, headingLevel: 'h3' | 'h4'): HTMLElement {
  const file = paper.file
  return h(
    'div',
    { class: 'app-attachment__details' },
    h(
      headingLevel,
      { class: 'govuk-heading-s govuk-!-margin-bottom-1 app-attachment__title' },
      h('a', { class: 'govuk-link', href: resourcePath({ id: paper.resource_id }) }, paper.title),
    ),
    h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1 app-attachment__meta' }, paperTypeName(paper)),
    file &&
      h(
        'p',
        { class: 'govuk-body-s govuk-!-margin-bottom-1 app-attachment__meta' },
        // An API address with `download`: the browser saves the file instead of routing to it.
        h(
          'a',
          { class: 'govuk-link app-attachment__download', href: file.url, download: '' },
          'Download ',
          visuallyHidden(`${paper.title}: `),
          file.filename,
        ),
        ` (${fileTypeName(file.content_type)}, ${fileSize(file.size)})`,
      ),
    paper.link_url &&
      h(
        'p',
        { class: 'govuk-body-s govuk-!-margin-bottom-1 app-attachment__meta' },
        h(
          'a',
          { class: 'govuk-link', href: paper.link_url, rel: 'noreferrer noopener', target: '_blank' },
          'Go to the web page',
          visuallyHidden(` of ${paper.title}`),
          ' (opens in new tab)',
        ),
      ),
  )
}

/** A page with a folded corner, as GOV.UK draws an attachment that has no preview. */
function thumbnail(): HTMLElement {
  return h(
    'div',
    { class: 'app-attachment__thumbnail', 'aria-hidden': 'true' },
    svg(
      'svg',
      { class: 'app-attachment__icon', viewBox: '0 0 84 120', width: '84', height: '120', focusable: 'false' },
      svg('path', { d: 'M74.6 119.3H1.1V1h50.8l22.7 22.6z', fill: '#ffffff', stroke: '#b1b4b6', 'stroke-width': '2' }),
      svg('path', { d: 'M51.9 1v22.6h22.7', fill: 'none', stroke: '#b1b4b6', 'stroke-width': '2' }),
      svg('path', { d: 'M12 44h52M12 56h52M12 68h52M12 80h36', stroke: '#b1b4b6', 'stroke-width': '4' }),
    ),
  )
}
