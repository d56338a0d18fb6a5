// The office dashboard of one consultation: who has responded, the answers to each question, themes, and the
// office's actions. It follows consultation:{id}: each submission anywhere reads the analysis again and the new
// count is announced, without moving the reader's focus.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import * as realtime from '../realtime/realtime'
import { h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { caption, initComponents, pageHeading } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { ratesSection, respondedWords } from './dashboard-rates'
import { actionsPanel, outcomeForm } from './office-actions'
import { questionsSection } from './question-analysis'
import { type ThemeActions, tagControls, themesSection } from './themes'
import { type Analysis, type Consultation, type ConsultationEvents, consultationChannel } from './types'
import { closingWords, consultationPath, respondsByService, runsConsultations, statusTag } from './words'

export async function consultationDashboardPage(context: PageContext): Promise<PageView | Redirect> {
  const id = Number(context.params['id'])
  await refreshUser()
  if (!runsConsultations()) return redirect(consultationPath(id))
  const page = new DashboardPage(id, context)
  // Listen first, then load: every submission after the analysis was read arrives as an event.
  const subscription = realtime.subscribe<ConsultationEvents>(
    [consultationChannel(id)],
    {
      on: {
        'response.submitted': () => void page.responseArrived(),
        'consultation.updated': () => void page.consultationChanged(),
      },
      reload: () => void page.consultationChanged(),
    },
    context.left,
  )
  await subscription.ready
  const consultation = await api.get<Consultation>(`/consultations/${id}`)
  if (consultation.status === 'draft') return redirect(consultationPath(id))
  const analysis = await api.get<Analysis>(`/consultations/${id}/summary`)
  return { title: `Responses – ${consultation.title}`, content: page.build(consultation, analysis) }
}

class DashboardPage {
  private consultation!: Consultation
  private analysis!: Analysis
  private built = false
  /** An event came before the page was on screen: read everything again once it is. */
  private missed = false
  private readonly area = new MessageArea()
  private readonly live = liveRegion()
  private readonly status = h('p', { class: 'govuk-body' })
  private readonly analysisArea = h('div')
  private readonly actionsArea = h('div')
  private readonly outcomeArea = h('div')
  private charts = new AbortController()
  private lastFocusId: string | null = null
  private reading: Promise<void> | null = null
  private readAgain = false

  constructor(
    private readonly id: number,
    private readonly context: PageContext,
  ) {
    this.context.left.addEventListener('abort', () => this.charts.abort(), { once: true })
    this.analysisArea.addEventListener('focusin', (event) => {
      if (event.target instanceof HTMLElement && event.target.id) this.lastFocusId = event.target.id
    })
  }

  build(consultation: Consultation, analysis: Analysis): HTMLElement[] {
    this.consultation = consultation
    this.analysis = analysis
    if (this.context.flash) this.area.showBanner({}, { heading: this.context.flash, success: true })
    this.drawConsultation()
    this.drawAnalysis()
    this.built = true
    if (this.missed) void this.consultationChanged()
    return [
      h('a', { class: 'govuk-back-link', href: consultationPath(this.id) }, 'Back to the consultation'),
      this.area.element,
      caption(consultation.title),
      pageHeading('Responses and analysis'),
      this.status,
      h(
        'div',
        { class: 'govuk-grid-row' },
        h('div', { class: 'govuk-grid-column-two-thirds' }, this.analysisArea, this.outcomeArea),
        h('div', { class: 'govuk-grid-column-one-third' }, this.actionsArea),
      ),
      this.live.element,
    ]
  }

  async responseArrived(): Promise<void> {
    if (!this.built) {
      this.missed = true
      return
    }
    const before = this.analysis.responded_count
    await this.readAnalysis()
    if (this.analysis.responded_count !== before) this.live.announce(`New response. ${respondedWords(this.analysis)}`)
  }

  async consultationChanged(): Promise<void> {
    if (!this.built) {
      this.missed = true
      return
    }
    this.consultation = await api.get<Consultation>(`/consultations/${this.id}`)
    this.drawConsultation()
    await this.readAnalysis()
  }

  /** Reads the analysis again; a change while a read is under way reads once more after it. */
  private async readAnalysis(): Promise<void> {
    if (this.reading) {
      this.readAgain = true
      return this.reading
    }
    this.reading = (async () => {
      do {
        this.readAgain = false
        this.analysis = await api.get<Analysis>(`/consultations/${this.id}/summary`)
        this.drawAnalysis()
      } while (this.readAgain)
    })().finally(() => {
      this.reading = null
    })
    return this.reading
  }

  private drawConsultation(): void {
    const consultation = this.consultation
    replaceContent(this.status, statusTag(consultation.status), ' ', closingWords(consultation))
    replaceContent(this.actionsArea, actionsPanel(consultation, { area: this.area, live: this.live }))
    replaceContent(this.outcomeArea, outcomeForm(consultation, this.area))
    if (this.built) {
      initComponents(this.actionsArea)
      initComponents(this.outcomeArea)
    }
  }

  private drawAnalysis(): void {
    const focused = document.activeElement
    const hadFocus = focused === null || focused === document.body || this.analysisArea.contains(focused)
    this.charts.abort()
    this.charts = new AbortController()
    const actions: ThemeActions = {
      consultationId: this.id,
      area: this.area,
      changed: async (announcement) => {
        await this.readAnalysis()
        this.live.announce(announcement)
      },
    }
    const themes = this.analysis.themes
    replaceContent(
      this.analysisArea,
      ratesSection(this.analysis, this.charts.signal, respondsByService(this.consultation)),
      questionsSection(this.analysis, {
        questions: this.consultation.questions,
        themes,
        until: this.charts.signal,
        tagControls: (question, answer) => tagControls(themes, question, answer, actions),
      }),
      themesSection(themes, actions),
    )
    if (this.built) initComponents(this.analysisArea)
    // The reader keeps their place: the control they were on is drawn again with the same id.
    const again = hadFocus && this.lastFocusId ? document.getElementById(this.lastFocusId) : null
    again?.focus({ preventScroll: true })
  }
}
