// The addresses of the practice library: the list, sharing a resource, and each resource's pages (/library/{id}/...).

import { type Route, itemStepRoutes } from '../shell/page'
import { deleteResourcePage } from './delete'
import { editResourcePage } from './edit-resource'
import { libraryPage } from './list'
import { newResourcePage } from './new-resource'
import { resourcePage } from './resource'
import { uploadPage } from './upload'

export const libraryRoutes: Route[] = [
  { pattern: /^\/library$/, signedIn: true, navigation: 'library', page: libraryPage },
  { pattern: /^\/library\/new$/, signedIn: true, navigation: 'library', page: newResourcePage },
  {
    pattern: /^\/library\/(?<id>[1-9][0-9]{0,17})$/,
    signedIn: true,
    navigation: 'library',
    page: resourcePage,
  },
  ...itemStepRoutes('/library', 'library', [
    ['edit', editResourcePage],
    ['upload', uploadPage],
    ['delete', deleteResourcePage],
  ]),
]
