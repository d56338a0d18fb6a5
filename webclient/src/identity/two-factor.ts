// What signing in and "Your account" share about two-factor authentication: the security code question, the steps to
// add a new authenticator to an app (its QR code and its secret key as text), and the recovery codes, shown once.

import QRCode from 'qrcode'
import { ApiProblem } from '../api'
import { h, svg } from '../shell/dom'
import { type Field, textInput } from '../shell/fields'
import { type FormError, type MessageArea, apiForm, formErrors } from '../shell/form'
import { button, paragraph, twoThirds, warningText } from '../shell/govuk'
import { confirmationPanel } from '../shell/notices'
import type { PageView } from '../shell/page'
import type { AuthenticatorSetup } from './types'
import { waitWords } from './words'

/** The problem types of POST /auth/login that ask for a second step rather than say the password is wrong. */
export const secondStep = {
  codeRequired: '/problems/two-factor-required',
  setupRequired: '/problems/two-factor-setup-required',
} as const

export function isProblemOfType(error: unknown, type: string): error is ApiProblem {
  return error instanceof ApiProblem && error.type.endsWith(type)
}

export interface SecurityCodeOptions {
  label: string
  labelIsHeading?: boolean
  hint: string
  /** A recovery code has letters: the question then keeps the full keyboard rather than asking for the number pad. */
  acceptsRecoveryCode: boolean
}

/** The security code question: one field named `code`, which the browser may fill from a code it was sent. */
export function securityCodeField(options: SecurityCodeOptions): Field & { input: HTMLInputElement } {
  return textInput({
    id: 'code',
    name: 'code',
    label: options.label,
    ...(options.labelIsHeading ? { labelIsHeading: true } : {}),
    hint: options.hint,
    autocomplete: 'one-time-code',
    spellcheck: false,
    widthClass: 'govuk-input--width-10',
    ...(options.acceptsRecoveryCode ? {} : { inputMode: 'numeric' as const }),
  })
}

/** What is wrong with a security code before it is sent, if anything; the server judges whether it is right. */
export function securityCodeProblem(code: string, acceptsRecoveryCode: boolean): string | null {
  if (!code) return 'Enter the security code'
  if (!acceptsRecoveryCode && !/^[0-9]{6}$/.test(code.replace(/\s/g, ''))) return 'The security code must be 6 digits'
  return null
}

/**
 * The errors for a refused security code: the server's words on `code`, and waiting after too many wrong codes.
 * Null for any other problem.
 */
function securityCodeErrors(problem: ApiProblem, fields: Readonly<Record<string, Field>>): FormError[] | null {
  if (problem.status === 429) {
    return [{ field: '', message: `You have tried too many times. ${waitWords(problem.retryAfterSeconds)}` }]
  }
  if (!problem.errors.some((error) => error.field === 'code')) return null
  return formErrors(problem, fields, {})
}

export interface SecurityCodeFormOptions extends SecurityCodeOptions {
  area: MessageArea
  submitLabel: string
  cancel?: { href: string; text: string }
  /** Sends the code (trimmed) and acts on success. */
  send: (code: string) => Promise<void>
  /** Errors for a problem that is not about the code itself (securityCodeErrors), if any. */
  otherProblemErrors?: (problem: ApiProblem) => FormError[] | null
}

/** A form asking for one security code: checked before it is sent, the server's verdict shown on the field. */
export function securityCodeForm(options: SecurityCodeFormOptions): HTMLFormElement {
  const fields = { code: securityCodeField(options) }
  const code = (): string => fields.code.input.value.trim()
  return apiForm({
    fields,
    area: options.area,
    submitLabel: options.submitLabel,
    ...(options.cancel ? { cancel: options.cancel } : {}),
    check: () => {
      const problem = securityCodeProblem(code(), options.acceptsRecoveryCode)
      return problem ? [{ field: 'code', message: problem }] : []
    },
    send: () => options.send(code()),
    problemErrors: (problem) => securityCodeErrors(problem, fields) ?? options.otherProblemErrors?.(problem) ?? null,
  })
}

/** The key in groups of four ("JBSW Y3DP ..."), easier to copy by hand; apps ignore the spaces. */
function inGroups(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

/**
 * The QR code of an otpauth:// address, drawn from the SVG that the qrcode package writes. That markup is read as
 * data and only its shapes are kept, so nothing in it could become script or style.
 */
async function qrCodeImage(uri: string): Promise<SVGElement> {
  const markup = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
  const drawn = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement
  const shapes = [...drawn.querySelectorAll('path')].map((path) =>
    svg('path', { d: path.getAttribute('d'), fill: path.getAttribute('fill'), stroke: path.getAttribute('stroke') }),
  )
  return svg(
    'svg',
    {
      class: 'app-qr-code',
      viewBox: drawn.getAttribute('viewBox'),
      'shape-rendering': 'crispEdges',
      role: 'img',
      'aria-label': 'QR code for your authenticator app. If you cannot scan it, use the secret key below.',
    },
    shapes,
  )
}

/** How to add a new authenticator to an app: scan the QR code, or type the secret key shown as text. */
export async function authenticatorSteps(setup: AuthenticatorSetup): Promise<HTMLElement[]> {
  return [
    paragraph('You need an authenticator app on your phone, tablet or computer. You can use any authenticator app.'),
    h('h2', { class: 'govuk-heading-m' }, 'Scan the QR code'),
    paragraph('In your authenticator app, choose to add an account, then scan this QR code.'),
    h('div', { class: 'govuk-!-margin-bottom-6' }, await qrCodeImage(setup.otpauth_uri)),
    h('h2', { class: 'govuk-heading-m' }, 'If you cannot scan the QR code'),
    paragraph('Enter this secret key in your app instead. If the app asks, choose a time-based key.'),
    h(
      'div',
      { class: 'govuk-inset-text' },
      h('span', { class: 'govuk-visually-hidden' }, 'Secret key: '),
      h('span', { id: 'secret-key', class: 'app-reference app-break-anywhere' }, inGroups(setup.secret)),
    ),
    h('h2', { class: 'govuk-heading-m' }, 'Enter the security code'),
  ]
}

export interface RecoveryCodesOptions {
  /** What just happened, in the panel: "Two-factor authentication is on". */
  heading: string
  codes: readonly string[]
  /** Where "I have saved my recovery codes, continue" goes. */
  onContinue: () => void
}

/** The recovery codes, shown this once, and the button that goes on once they are saved. */
export function recoveryCodesView(options: RecoveryCodesOptions): PageView {
  const next = button('I have saved my recovery codes, continue', { type: 'button' })
  next.addEventListener('click', options.onContinue)
  return {
    title: options.heading,
    content: twoThirds(
      confirmationPanel(options.heading),
      h('h2', { class: 'govuk-heading-m' }, 'Save your recovery codes'),
      paragraph(
        'If you cannot use your authenticator app, you can sign in with one of these recovery codes instead. ' +
          'Each code works once.',
      ),
      warningText('Save these codes somewhere safe now, such as a password manager. You will not see them again.'),
      h(
        'ul',
        { class: 'govuk-list app-reference app-recovery-codes', 'aria-label': 'Recovery codes' },
        options.codes.map((code) => h('li', null, code)),
      ),
      next,
    ),
  }
}
