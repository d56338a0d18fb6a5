// The addresses of consultations: the list, writing one, and each step of a consultation (/consultations/{id}/...).

import { type Route, itemStepRoutes } from '../shell/page'
import { checkAnswersPage } from './check'
import { consultationPage } from './consultation'
import { consultationDashboardPage } from './dashboard'
import { deadlinePage } from './deadline'
import { editConsultationPage, newConsultationPage } from './editor'
import { closePage, publishPage } from './lifecycle'
import { consultationsPage } from './list'
import { papersPage } from './papers-editor'
import { reportPage } from './report'
import { respondPage } from './respond'
import { submittedPage } from './submitted'

export const consultationsRoutes: Route[] = [
  { pattern: /^\/consultations$/, signedIn: true, navigation: 'consultations', page: consultationsPage },
  { pattern: /^\/consultations\/new$/, signedIn: true, navigation: 'consultations', page: newConsultationPage },
  {
    pattern: /^\/consultations\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'consultations',
    page: consultationPage,
  },
  ...itemStepRoutes('/consultations', 'consultations', [
    ['edit', editConsultationPage],
    ['publish', publishPage],
    ['close', closePage],
    ['deadline', deadlinePage],
    ['dashboard', consultationDashboardPage],
    ['papers', papersPage],
    ['report', reportPage],
    ['respond', respondPage],
    ['check', checkAnswersPage],
    ['submitted', submittedPage],
  ]),
]
