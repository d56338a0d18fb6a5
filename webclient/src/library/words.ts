// Library values in plain words: types of resource, licences, who can see a resource, file types and sizes; and the
// library's addresses.

import type { Child } from '../shell/dom'
import { link } from '../shell/govuk'
import { count } from '../shell/words'
import type { Licence, ResourceSort, ResourceSummary, ResourceType, Visibility } from './types'

export const typeNames: Readonly<Record<ResourceType, string>> = {
  policy: 'Policy',
  procedure: 'Procedure',
  practice_guidance: 'Practice guidance',
  template: 'Template',
  assessment_tool: 'Assessment tool',
  risk_tool: 'Risk tool',
  training: 'Training',
  induction: 'Induction',
  asye_programme: 'ASYE programme',
  supervision: 'Supervision',
  research_summary: 'Research summary',
  presentation: 'Presentation',
  other: 'Other',
}

export const resourceTypes = Object.keys(typeNames) as ResourceType[]

export const licenceNames: Readonly<Record<Licence, string>> = {
  'OGL-UK-3.0': 'Open Government Licence v3.0',
  'CC-BY-4.0': 'Creative Commons Attribution 4.0 (CC BY 4.0)',
  'ask-the-owner': 'Ask the owner',
}

/** The text of each licence, for readers who want to know what they may do; "ask the owner" has none. */
export const licenceLinks: Readonly<Record<Licence, string | null>> = {
  'OGL-UK-3.0': 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'ask-the-owner': null,
}

export const licences = Object.keys(licenceNames) as Licence[]

export const licenceHints: Readonly<Record<Licence, string>> = {
  'OGL-UK-3.0': 'Others may copy and adapt it if they say where it came from. Most public sector documents use it.',
  'CC-BY-4.0': 'Others may copy and adapt it if they credit your organisation.',
  'ask-the-owner': 'Others must ask your organisation before they reuse it.',
}

export const visibilities: readonly Visibility[] = ['network', 'region', 'organisation', 'group']

/** Each choice of who can see a resource, as the form offers it, about the owning organisation. */
export function visibilityName(visibility: Visibility, organisation: string): string {
  switch (visibility) {
    case 'network':
      return 'Everyone in the network'
    case 'region':
      return `Organisations in ${organisation}’s region`
    case 'organisation':
      return `Only ${organisation}`
    case 'group':
      return 'A group you belong to'
  }
}

export function visibilityHint(visibility: Visibility): string {
  switch (visibility) {
    case 'network':
      return 'Every principal social worker signed in to PSW Network can find and download it.'
    case 'region':
      return 'People in the organisations of your region can find and download it, as well as your own.'
    case 'organisation':
      return 'Only people in your own organisation can find and download it.'
    case 'group':
      return (
        'Only the group’s members can find and download it, or everyone in the network when the group is open. ' +
        'Its discussions are read by the same people.'
      )
  }
}

/**
 * Who can see a resource, as its page and the lists say it: the group a resource is shared with is named, with a
 * link to the group's page.
 */
export function whoCanSee(resource: Pick<ResourceSummary, 'visibility' | 'organisation' | 'group'>): Child {
  const organisation = resource.organisation.name
  switch (resource.visibility) {
    case 'network':
    case 'region':
    case 'organisation':
      return visibilityName(resource.visibility, organisation)
    case 'group':
      return resource.group
        ? ['Shared with ', link(sharedGroupPath(resource.group), resource.group.name)]
        : 'Shared with a group'
  }
}

/**
 * The page of the group a resource is shared with. The groups pages build on the library, so the library names the
 * group's address rather than import them.
 */
export function sharedGroupPath(group: { id: number }): string {
  return `/groups/${group.id}`
}

/** The query parameter of the page for sharing a resource that chooses the group to share it with. */
export const newResourceGroupParam = 'group_id'

/** The page for sharing a resource; with `groupId`, shared with that group to start with. */
export function newResourcePath(about: { groupId?: number } = {}): string {
  if (about.groupId === undefined) return '/library/new'
  return `/library/new?${new URLSearchParams({ [newResourceGroupParam]: String(about.groupId) }).toString()}`
}

/** The library list of the resources shared with a group. */
export function groupResourcesPath(group: { id: number }): string {
  return `/library?${new URLSearchParams({ group_id: String(group.id) }).toString()}`
}

export const sortNames: Readonly<Record<ResourceSort, string>> = {
  newest: 'Newest',
  most_adopted: 'Most adopted',
  most_downloaded: 'Most downloaded',
}

export const sorts = Object.keys(sortNames) as ResourceSort[]

const fileTypeNames: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet (XLSX)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation (PPTX)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text (ODT)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet (ODS)',
  'text/csv': 'CSV',
  'text/plain': 'Text',
  'text/markdown': 'Markdown',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
}

export function fileTypeName(contentType: string): string {
  return fileTypeNames[contentType.split(';')[0]?.trim() ?? ''] ?? contentType
}

/** The biggest file the server takes: 25 MiB. */
export const maxFileBytes = 25 * 1024 * 1024

/** The allowed file types, as the error message and the hint name them. */
export const allowedFileTypes = 'PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT, Markdown, PNG or JPEG'

/** What the file chooser offers first; the server decides by the content, whatever the name. */
export const acceptedFiles =
  '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt,.md,.markdown,.png,.jpg,.jpeg,application/pdf,text/csv,text/plain,' +
  'image/png,image/jpeg'

/** "593 bytes", "12 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`
}

/** "Used by 1 authority", "Used by 3 authorities"; nobody yet is said plainly. */
export function usedByText(authorities: number): string {
  if (authorities === 0) return 'Not used by other authorities yet'
  return `Used by ${count(authorities, 'authority', 'authorities')}`
}

export function resourcePath(resource: { id: number }): string {
  return `/library/${resource.id}`
}

export function libraryTagPath(name: string): string {
  return `/library?${new URLSearchParams({ tag: name }).toString()}`
}
