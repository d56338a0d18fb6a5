// GOV.UK form fields (text input, password input, select, radios, checkboxes) that can show and clear their own
// inline error message, so a form keeps what the user typed when the server says something is wrong.

import { type Attributes, type Child, classes, h } from './dom'
import { button } from './govuk'

export interface Field {
  /** The form group to place in the form. */
  readonly element: HTMLElement
  /** The id the error summary links to: the input, or the first radio or checkbox. */
  readonly focusId: string
  setError(message: string | null): void
}

interface ErrorPlacement {
  group: HTMLElement
  /** Where the error message goes: just before the control (or the wrapper around controls). */
  before: Element
  /** The element whose aria-describedby names the hint and the error message. */
  describedElement: Element
  hintId: string | null
  errorId: string
  controls: readonly { element: Element; errorClass: string }[]
}

function fieldWithErrors(focusId: string, placement: ErrorPlacement): Field {
  let message: HTMLElement | null = null
  const describe = (withError: boolean): void => {
    const ids = [placement.hintId, withError ? placement.errorId : null].filter(Boolean).join(' ')
    if (ids) placement.describedElement.setAttribute('aria-describedby', ids)
    else placement.describedElement.removeAttribute('aria-describedby')
  }
  describe(false)
  return {
    element: placement.group,
    focusId,
    setError(text) {
      message?.remove()
      message = null
      placement.group.classList.toggle('govuk-form-group--error', text !== null)
      for (const control of placement.controls) control.element.classList.toggle(control.errorClass, text !== null)
      if (text !== null) {
        message = h(
          'p',
          { id: placement.errorId, class: 'govuk-error-message' },
          h('span', { class: 'govuk-visually-hidden' }, 'Error:'),
          ` ${text}`,
        )
        placement.before.before(message)
      }
      describe(text !== null)
    },
  }
}

function hintFor(id: string, hint: Child | undefined): HTMLElement | null {
  return hint === undefined ? null : h('div', { id: `${id}-hint`, class: 'govuk-hint' }, hint)
}

export interface InputOptions {
  id: string
  name: string
  /** Text, or text with a caption before it ("Question 2 of 5"). */
  label: Child
  /** Shows the label as the page's h1 (for one-question pages). */
  labelIsHeading?: boolean
  /** A visible label styled as a heading ("govuk-label--m"), for a form of several sections. */
  labelClass?: string
  hint?: Child
  type?: 'text' | 'email' | 'search'
  autocomplete?: string
  value?: string
  spellcheck?: boolean
  readOnly?: boolean
  widthClass?: string
  /** A unit shown after the box, such as "%" (GOV.UK input suffix; the label must say the unit too). */
  suffix?: string
  inputMode?: 'decimal' | 'numeric'
}

export function textInput(options: InputOptions): Field & { input: HTMLInputElement } {
  const input = h('input', {
    class: classes('govuk-input', options.widthClass),
    id: options.id,
    name: options.name,
    type: options.type ?? 'text',
    autocomplete: options.autocomplete,
    spellcheck: options.spellcheck === undefined ? null : String(options.spellcheck),
    autocapitalize: options.type === 'email' ? 'none' : null,
    readonly: options.readOnly,
    inputmode: options.inputMode,
  })
  input.value = options.value ?? ''
  const wrapper = options.suffix
    ? h(
        'div',
        { class: 'govuk-input__wrapper' },
        input,
        h('div', { class: 'govuk-input__suffix', 'aria-hidden': 'true' }, options.suffix),
      )
    : input
  return { ...labelledField(options, input, 'govuk-input--error', wrapper), input }
}

export interface FileUploadOptions {
  id: string
  name: string
  label: string
  hint?: Child
  /** File types the chooser offers first, such as ".csv,text/csv". */
  accept?: string
}

/** The GOV.UK file upload: a native file input, so keyboard and assistive technology work as the browser's do. */
export function fileUpload(options: FileUploadOptions): Field & { input: HTMLInputElement } {
  const input = h('input', {
    class: 'govuk-file-upload',
    id: options.id,
    name: options.name,
    type: 'file',
    accept: options.accept,
  })
  return { ...labelledField(options, input, 'govuk-file-upload--error'), input }
}

export interface TextareaOptions {
  id: string
  name: string
  /** Text, or text with a caption before it ("Question 2 of 5"). */
  label: Child
  /** A visible label styled as a small heading, for a form that is one section of a longer page. */
  labelClass?: string
  hint?: Child
  rows?: number
  value?: string
  spellcheck?: boolean
  /** Counts the words as they are typed (the GOV.UK character count component, counting words). */
  wordLimit?: number
  /** Counts the characters as they are typed (the GOV.UK character count component); ignored with `wordLimit`. */
  characterLimit?: number
}

export function textarea(options: TextareaOptions): Field & { textarea: HTMLTextAreaElement } {
  const counted = options.wordLimit !== undefined ? 'words' : options.characterLimit !== undefined ? 'characters' : null
  const limit = options.wordLimit ?? options.characterLimit
  const control = h('textarea', {
    class: classes('govuk-textarea', counted && 'govuk-js-character-count'),
    id: options.id,
    name: options.name,
    rows: options.rows ?? 5,
    spellcheck: options.spellcheck === undefined ? null : String(options.spellcheck),
  })
  control.value = options.value ?? ''
  if (counted === null || limit === undefined) {
    return { ...labelledField(options, control, 'govuk-textarea--error'), textarea: control }
  }
  // Without JavaScript the message says the limit; govuk-frontend turns it into a live count.
  const info = h(
    'div',
    { id: `${options.id}-info`, class: 'govuk-hint govuk-character-count__message' },
    `You can enter up to ${limit.toLocaleString('en-GB')} ${counted}`,
  )
  const field = labelledField(
    options,
    control,
    'govuk-textarea--error',
    control,
    {
      class: 'govuk-character-count',
      'data-module': 'govuk-character-count',
      'data-maxlength': limit,
      'data-count-type': counted,
    },
    [info.id],
  )
  field.element.append(info)
  return { ...field, textarea: control }
}

/** A form group with a label, an optional hint and one control (inside `wrapper` when there is one). */
function labelledField(
  options: { id: string; label: Child; labelIsHeading?: boolean; labelClass?: string; hint?: Child },
  control: HTMLElement,
  errorClass: string,
  wrapper: HTMLElement = control,
  groupAttributes: Attributes = {},
  /** Further ids that describe the control, such as a character count message. */
  describedBy: readonly string[] = [],
): Field {
  const hint = hintFor(options.id, options.hint)
  const group = h(
    'div',
    { ...groupAttributes, class: classes('govuk-form-group', groupAttributes['class'] as string | undefined) },
    label(options),
    hint,
    wrapper,
  )
  return fieldWithErrors(options.id, {
    group,
    before: wrapper,
    describedElement: control,
    hintId: [hint?.id, ...describedBy].filter(Boolean).join(' ') || null,
    errorId: `${options.id}-error`,
    controls: [{ element: control, errorClass }],
  })
}

function label(options: { id: string; label: Child; labelIsHeading?: boolean; labelClass?: string }): HTMLElement {
  const element = h(
    'label',
    { class: classes('govuk-label', options.labelIsHeading && 'govuk-label--l', options.labelClass), for: options.id },
    options.label,
  )
  return options.labelIsHeading ? h('h1', { class: 'govuk-label-wrapper' }, element) : element
}

export interface PasswordOptions {
  id: string
  name: string
  label: string
  hint?: Child
  /** 'off' for a secret that is not the user's own password, such as a service's client secret. */
  autocomplete: 'current-password' | 'new-password' | 'off'
  /** What the Show button and its announcements call the value when it is not a password: "client secret". */
  secretName?: string
}

/** The GOV.UK password input: a real password field (so managers and paste work) with a Show button. */
export function passwordInput(options: PasswordOptions): Field & { input: HTMLInputElement } {
  const input = h('input', {
    class: 'govuk-input govuk-password-input__input govuk-js-password-input-input',
    id: options.id,
    name: options.name,
    type: 'password',
    spellcheck: 'false',
    autocomplete: options.autocomplete,
    autocapitalize: 'none',
  })
  const secret = options.secretName ?? 'password'
  const toggle = button('Show', { type: 'button', variant: 'secondary' })
  toggle.classList.add('govuk-password-input__toggle', 'govuk-js-password-input-toggle')
  toggle.setAttribute('aria-controls', options.id)
  toggle.setAttribute('aria-label', `Show ${secret}`)
  toggle.hidden = true
  const wrapper = h('div', { class: 'govuk-input__wrapper govuk-password-input__wrapper' }, input, toggle)
  const field = labelledField(options, input, 'govuk-input--error', wrapper, {
    class: 'govuk-password-input',
    'data-module': 'govuk-password-input',
    ...(options.secretName
      ? {
          'data-i18n.show-password-aria-label': `Show ${secret}`,
          'data-i18n.hide-password-aria-label': `Hide ${secret}`,
          'data-i18n.password-shown-announcement': `Your ${secret} is visible`,
          'data-i18n.password-hidden-announcement': `Your ${secret} is hidden`,
        }
      : {}),
  })
  return { ...field, input }
}

export interface Choice {
  value: string
  text: string
  hint?: string
  /** Radios only: a question revealed below the choice while it is chosen (GOV.UK conditional reveal). */
  conditional?: Child
}

export interface SelectOptions {
  id: string
  name: string
  label: string
  /** A visible label styled as a heading ("govuk-label--m"), for a form of several sections. */
  labelClass?: string
  hint?: Child
  choices: readonly Choice[]
  value: string
}

export function select(options: SelectOptions): Field & { select: HTMLSelectElement } {
  const control = h(
    'select',
    { class: 'govuk-select', id: options.id, name: options.name },
    options.choices.map((choice) =>
      h('option', { value: choice.value, selected: choice.value === options.value }, choice.text),
    ),
  )
  return { ...labelledField(options, control, 'govuk-select--error'), select: control }
}

export interface ChoicesOptions {
  /** Prefix of the ids: the first item gets the prefix itself, so the error summary can link to it. */
  id: string
  name: string
  /** Text, or text with a caption before it ("Question 2 of 5"). */
  legend: Child
  legendClass?: string
  hint?: Child
  choices: readonly Choice[]
  values: readonly string[]
  small?: boolean
  /** Side by side, for two short answers such as Yes and No. */
  inline?: boolean
}

/** Radios (one answer) or checkboxes (any number), in a fieldset with a legend. */
function choices(kind: 'radios' | 'checkboxes', options: ChoicesOptions): Field {
  const hint = hintFor(options.id, options.hint)
  const reveals: { input: HTMLInputElement; conditional: HTMLElement }[] = []
  const items = options.choices.map((choice, index) => {
    const id = index === 0 ? options.id : `${options.id}-${index + 1}`
    const itemHint = choice.hint
      ? h('div', { id: `${id}-item-hint`, class: `govuk-hint govuk-${kind}__hint` }, choice.hint)
      : null
    const checked = options.values.includes(choice.value)
    const conditional =
      kind === 'radios' && choice.conditional !== undefined
        ? h(
            'div',
            {
              class: classes('govuk-radios__conditional', !checked && 'govuk-radios__conditional--hidden'),
              id: `conditional-${id}`,
            },
            choice.conditional,
          )
        : null
    const input = h('input', {
      class: `govuk-${kind}__input`,
      id,
      name: options.name,
      type: kind === 'radios' ? 'radio' : 'checkbox',
      value: choice.value,
      checked,
      'aria-describedby': itemHint?.id,
    })
    if (conditional) reveals.push({ input, conditional })
    return [
      h(
        'div',
        { class: `govuk-${kind}__item` },
        input,
        h('label', { class: `govuk-label govuk-${kind}__label`, for: id }, choice.text),
        itemHint,
      ),
      conditional,
    ]
  })
  const list = h(
    'div',
    {
      class: classes(
        `govuk-${kind}`,
        options.small && `govuk-${kind}--small`,
        options.inline && `govuk-${kind}--inline`,
      ),
      'data-module': `govuk-${kind}`,
    },
    items,
  )
  // The revealed questions are shown and hidden here rather than by govuk-frontend, which would put aria-expanded on
  // the radios: ARIA does not allow it there, and axe-core reports it. The question follows its radio, so it is next
  // in the reading and tabbing order once shown.
  if (reveals.length > 0) {
    list.addEventListener('change', () => {
      for (const { input, conditional } of reveals)
        conditional.classList.toggle('govuk-radios__conditional--hidden', !input.checked)
    })
  }
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset' },
    h('legend', { class: classes('govuk-fieldset__legend', options.legendClass) }, options.legend),
    hint,
    list,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  return fieldWithErrors(options.id, {
    group,
    before: list,
    describedElement: fieldset,
    hintId: hint?.id ?? null,
    errorId: `${options.id}-error`,
    controls: [],
  })
}

export function radios(options: ChoicesOptions): Field {
  return choices('radios', options)
}

export function checkboxes(options: ChoicesOptions): Field {
  return choices('checkboxes', options)
}
