// The one module that talks to the pswnet HTTP API: it owns fetch, the JSON encoding, the CSRF token on writes and
// the translation of application/problem+json responses into ApiProblem errors.

const apiRoot = '/api/v1'

export interface FieldProblem {
  field: string
  message: string
}

/** A failed API call: the server's problem document, or a stand-in when the service could not be reached. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldProblem[],
    readonly requestId: string | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(detail ? `${title}: ${detail}` : title)
    this.name = 'ApiProblem'
  }

  /** True when the service itself failed (5xx) or could not be reached (status 0). */
  get isServiceFailure(): boolean {
    return this.status === 0 || this.status >= 500
  }
}

/** The envelope of every list endpoint: follow next_cursor with ?cursor= for the next page. */
export interface ListPage<T> {
  items: T[]
  next_cursor: string | null
}

export type Query = Readonly<Record<string, string | number | null | undefined>>

export interface RequestOptions {
  /** Set false where a 401 is an expected answer (sign-in, probing for a session) rather than a lost session. */
  signInOnUnauthenticated?: boolean
}

let csrfToken: string | null = null
let unauthenticatedHandler: () => void = () => {
  window.location.assign('/sign-in')
}

/** Stores the CSRF token from the login response or GET /me; writes send it back as X-CSRF-Token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** What to do when the session has gone (a 401 on an ordinary call): the shell sends the user to sign in. */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler
}

export function get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T> {
  return request<T>('GET', withQuery(path, query), undefined, options)
}

export function post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('POST', path, body, options)
}

export function patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('PATCH', path, body, options)
}

export function put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('PUT', path, body, options)
}

export function del<T>(path: string, options?: RequestOptions): Promise<T> {
  return request<T>('DELETE', path, undefined, options)
}

/** A body with the ETag it was served with, for writes guarded by If-Match. */
export interface Versioned<T> {
  body: T
  etag: string | null
}

/** GETs a resource and its ETag. */
export async function getVersioned<T>(path: string): Promise<Versioned<T>> {
  const response = await exchange('GET', path, undefined, {})
  return { body: (await readJson(response)) as T, etag: response.headers.get('ETag') }
}

/**
 * PUTs a resource only if it is still the version `ifMatch` names (null: only if there is none yet). Someone
 * else's change in between is a 412 problem, never a silent overwrite.
 */
export async function putVersioned<T>(path: string, body: unknown, ifMatch: string | null): Promise<Versioned<T>> {
  const headers = ifMatch === null ? { 'If-None-Match': '*' } : { 'If-Match': ifMatch }
  const response = await exchange('PUT', path, body, {}, headers)
  return { body: (await readJson(response)) as T, etag: response.headers.get('ETag') }
}

/** A file the API offers in another format than JSON, such as CSV. */
export interface Download {
  blob: Blob
  /** The name the server suggests in Content-Disposition, if any. */
  filename: string | null
}

/** GETs a representation other than JSON (`accept` such as text/csv), to offer it to the user as a file. */
export async function download(path: string, accept: string, query?: Query): Promise<Download> {
  const response = await exchange('GET', withQuery(path, query), undefined, {}, { Accept: accept })
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null
  return { blob: await response.blob(), filename }
}

export interface UploadOptions {
  /** The Content-Type of the body, such as text/csv. */
  contentType: string
  /** Headers besides Content-Type, such as X-Filename. */
  headers?: Readonly<Record<string, string>>
  query?: Query
  /** Called as the body goes out, with the bytes sent so far and the total. */
  onProgress?: (sent: number, total: number) => void
}

/**
 * POSTs a file as the request body. XMLHttpRequest rather than fetch, because only it reports upload progress;
 * the CSRF token, the retry with a fresh token and the problem translation are the same as for every other call.
 */
export async function upload<T>(path: string, body: Blob, options: UploadOptions, retried = false): Promise<T> {
  const response = await sendWithProgress(withQuery(path, options.query), body, options)
  if (response.ok) return (await readJson(response)) as T
  const problem = await toProblem(response)
  const staleToken = problem.status === 403 && problem.type.endsWith('/problems/csrf')
  if (staleToken && !retried && (await refreshCsrfToken())) return upload<T>(path, body, options, true)
  if (problem.status === 401) {
    csrfToken = null
    unauthenticatedHandler()
  }
  throw problem
}

function sendWithProgress(path: string, body: Blob, options: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', apiRoot + path)
    xhr.responseType = 'text'
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', options.contentType)
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value)
    const onProgress = options.onProgress
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        onProgress(event.loaded, event.lengthComputable ? event.total : body.size)
      })
    }
    xhr.addEventListener('load', () => {
      // A Response, so that answers and problems are read by the same code as fetch's.
      const status = xhr.status === 204 || xhr.status === 205 ? xhr.status : null
      resolve(
        new Response(status === null ? xhr.responseText : null, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: responseHeaders(xhr.getAllResponseHeaders()),
        }),
      )
    })
    const unreachable = (): void =>
      reject(new ApiProblem(0, '/problems/network', 'The service could not be reached', '', [], null, null))
    xhr.addEventListener('error', unreachable)
    xhr.addEventListener('abort', unreachable)
    xhr.addEventListener('timeout', unreachable)
    xhr.send(body)
  })
}

function responseHeaders(raw: string): Headers {
  const headers = new Headers()
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const separator = line.indexOf(':')
    if (separator > 0) headers.append(line.slice(0, separator).trim(), line.slice(separator + 1).trim())
  }
  return headers
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return (await readJson(await exchange(method, path, body, options))) as T
}

/** Sends a request and returns the successful response; anything else becomes an ApiProblem. */
async function exchange(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions,
  extraHeaders: Readonly<Record<string, string>> = {},
  retried = false,
): Promise<Response> {
  const response = await send(method, path, body, extraHeaders)
  if (response.ok) return response

  const problem = await toProblem(response)
  const staleToken = problem.status === 403 && problem.type.endsWith('/problems/csrf') && method !== 'GET'
  // The token may be stale (signed in again in another tab): fetch the current one and try once more.
  if (staleToken && !retried && (await refreshCsrfToken()))
    return exchange(method, path, body, options, extraHeaders, true)
  if (problem.status === 401 && options.signInOnUnauthenticated !== false) {
    csrfToken = null
    unauthenticatedHandler()
  }
  throw problem
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/me', undefined)
  if (!response.ok) return false
  const me = (await readJson(response)) as { csrf_token?: unknown }
  if (typeof me.csrf_token !== 'string') return false
  csrfToken = me.csrf_token
  return true
}

async function send(
  method: string,
  path: string,
  body: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await fetch(apiRoot + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    })
  } catch {
    throw new ApiProblem(0, '/problems/network', 'The service could not be reached', '', [], null, null)
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined
  const text = await response.text()
  return text ? JSON.parse(text) : undefined
}

async function toProblem(response: Response): Promise<ApiProblem> {
  const requestId = response.headers.get('X-Request-Id')
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
  let document: Record<string, unknown> = {}
  const contentType = response.headers.get('Content-Type') ?? ''
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = await response.json()
      if (parsed && typeof parsed === 'object') document = parsed as Record<string, unknown>
    } catch {
      // A broken error body still leaves the status, which is what callers act on.
    }
  }
  return new ApiProblem(
    response.status,
    stringOr(document['type'], 'about:blank'),
    stringOr(document['title'], response.statusText || `HTTP ${response.status}`),
    stringOr(document['detail'], ''),
    fieldProblems(document['errors']),
    stringOr(document['request_id'], requestId ?? '') || null,
    retryAfter,
  )
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return []
    const { field, message } = item as Record<string, unknown>
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : []
  })
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}
