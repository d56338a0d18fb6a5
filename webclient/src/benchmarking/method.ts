// How the group figures are worked out, in the words of the API description, for anyone checking them.

import { h } from '../shell/dom'
import { bulletList, paragraph } from '../shell/govuk'

export function methodDetails(): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details app-section' },
    h(
      'summary',
      { class: 'govuk-details__summary' },
      h('span', { class: 'govuk-details__summary-text' }, 'How the figures are worked out'),
    ),
    h(
      'div',
      { class: 'govuk-details__text' },
      paragraph(
        'Figures are from the Department for Education’s children’s social work workforce statistics, as at ' +
          '30 September each year, unless they are marked as local figures an authority has shared.',
      ),
      bulletList([
        'Figures the DfE did not publish (confidential, too small to report, not available) are left out: they are never counted as 0.',
        'Statistical neighbours (median) is the figure the DfE’s dashboards give: the median of the authority’s 10 ' +
          'neighbours, the authority itself left out. As in the DfE’s method, a neighbour in a joint return is left out of it.',
        'The group’s own median and quartiles include the authority. They use linear interpolation between the closest ranks, the same method as Excel’s QUARTILE.INC.',
        'Ranks share places when figures are equal: two authorities in 2nd place are followed by 4th.',
        'An authority in a joint return has the joint figure, and each authority in it counts in the group.',
        'A local figure is used only where there is no official one for that authority and period.',
      ]),
    ),
  )
}
