// Uploading a file to a resource: the first one when it is shared, or a new version later. The GOV.UK file upload
// with a progress bar, the size checked before sending, and the server's refusals (too large, a type it does not
// take, an empty or broken file) shown as GOV.UK errors on the file box.

import * as api from '../api'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { fileUpload } from '../shell/fields'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { caption, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import { type LiveRegion, liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { uploadProgress } from '../shell/upload-progress'
import type { Resource } from './types'
import { acceptedFiles, allowedFileTypes, maxFileBytes, resourcePath } from './words'

const tooLarge = 'The selected file must be smaller than 25MB'
const wrongType = `The selected file must be a ${allowedFileTypes}`

export async function uploadPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const resource = await api.get<Resource>(`/resources/${id}`)
  if (!resource.may_edit) return forbiddenPage()
  const area = new MessageArea()
  const live = liveRegion()
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })
  const firstFile = resource.files.length === 0
  const heading = firstFile ? 'Upload a file' : 'Upload a new version'
  const current = resource.latest_file

  return {
    title: `${heading} – ${resource.title}`,
    content: [
      h('a', { class: 'govuk-back-link', href: resourcePath(resource) }, 'Back to the resource'),
      live.element,
      twoThirds(
        area.element,
        caption(resource.title),
        pageHeading(heading),
        paragraph(`Others can download the file from the resource page. It can be a ${allowedFileTypes} file.`),
        current &&
          paragraph(
            `The current version, ${current.original_filename}, stays available to download as an older version.`,
          ),
        warningText('Check the file has no information about people who use services before you upload it.'),
        uploadForm(resource, area, live),
        paragraph(
          link(resourcePath(resource), firstFile ? 'Continue without a file' : 'Cancel and go back to the resource'),
        ),
      ),
    ],
  }
}

function uploadForm(resource: Resource, area: MessageArea, live: LiveRegion): HTMLFormElement {
  const fields = {
    file: fileUpload({
      id: 'file',
      name: 'file',
      label: 'Upload a file',
      hint: `${allowedFileTypes}, smaller than 25MB`,
      accept: acceptedFiles,
    }),
  }
  const progress = uploadProgress(live, {
    barClass: 'app-upload-progress',
    checking: 'checking the file',
    uploadedAnnouncement: (name) => `Uploaded ${name}: checking the file`,
  })

  const chosenFile = (): File | null => fields.file.input.files?.[0] ?? null
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Upload file',
    check: () => checkFile(chosenFile()),
    send: async () => {
      const file = chosenFile()
      if (!file) return
      progress.start(file.name)
      try {
        const answer = await api.upload<Resource>(`/resources/${resource.id}/files`, file, {
          contentType: file.type || 'application/octet-stream',
          // The header carries UTF-8 names percent-encoded; the server decodes and sanitises them.
          headers: { 'X-Filename': encodeURIComponent(file.name) },
          onProgress: (sent, total) => progress.update(file.name, sent, total),
        })
        const version = answer.latest_file?.version ?? answer.files.length
        navigate(resourcePath(resource), { flash: `${file.name} has been uploaded as version ${version}` })
      } catch (error) {
        progress.hide()
        throw error
      }
    },
    problemErrors: fileErrors,
  })
  form.insertBefore(progress.element, form.lastElementChild)
  return form
}

/** Checked before anything is sent, so a file that is too large is not uploaded for nothing. */
function checkFile(file: File | null): FormError[] {
  if (!file) return [{ field: 'file', message: 'Select a file' }]
  if (file.size === 0) return [{ field: 'file', message: 'The selected file is empty' }]
  if (file.size > maxFileBytes) return [{ field: 'file', message: tooLarge }]
  return []
}

/** The server names the uploaded body "body" and the name "X-Filename": both are the file box here. */
function fileErrors(problem: api.ApiProblem): FormError[] | null {
  if (problem.status === 413) return [{ field: 'file', message: tooLarge }]
  if (problem.status === 415) return [{ field: 'file', message: wrongType }]
  if (problem.status === 403) return [{ field: '', message: 'You cannot upload files to this resource' }]
  if (problem.status === 404) return [{ field: '', message: 'This resource has been deleted' }]
  if (problem.status !== 422) return null
  const errors = problem.errors.map((error) => ({
    field: 'file',
    message: /^[a-z]/.test(error.message) ? `The selected file ${error.message}` : error.message,
  }))
  return errors.length > 0 ? errors.slice(0, 1) : [{ field: 'file', message: problem.detail || problem.title }]
}
