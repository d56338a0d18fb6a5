// The one WebSocket to /api/v1/ws. Pages subscribe to channels by name ("thread:42", "sector:children") and get
// typed events; after a drop the connection comes back with backoff and resumes from the last event id it saw, so
// an open page misses nothing. When the gap cannot be replayed, the page is told to load its data again.

import type { components } from '../api-types'

export interface RealtimeEvent<Data = unknown> {
  id: number
  channel: string
  event: string
  data: Data
}

/** Handlers by event name, typed by a map of event names to their data (such as the forum's `ForumEvents`). */
export type EventHandlers<Events> = {
  [Name in keyof Events]?: (data: Events[Name], event: RealtimeEvent<Events[Name]>) => void
}

export interface Listener<Events> {
  on: EventHandlers<Events>
  /** The events since the page loaded its data cannot all be replayed: load the data again. */
  reload?: () => void
}

export interface Subscription {
  /**
   * Resolves once the server has confirmed the channels, so data loaded afterwards misses no event. When the
   * connection is down it resolves at once: the reconnection replays what happened meanwhile.
   */
  readonly ready: Promise<void>
  close(): void
}

type Schemas = components['schemas']

/** What pswnet sends (WebSocketServerMessage); events are read by their common fields, their data by each page. */
type ServerMessage =
  | Schemas['WebSocketEventFields']
  | Schemas['WebSocketSubscribed']
  | Schemas['WebSocketUnsubscribed']
  | Schemas['WebSocketError']
  | Schemas['WebSocketPong']

interface Entry {
  channels: readonly string[]
  listener: Listener<Record<string, unknown>>
  /** The page's data was loaded while these channels were not confirmed: events may be missing. */
  loadedInGap: boolean
  markReady: () => void
}

const pingIntervalMs = 25_000
const pongTimeoutMs = 10_000
const readyTimeoutMs = 3_000
const backoffMs = [500, 1_000, 2_000, 5_000, 10_000, 30_000]
const rememberedEvents = 500

let ownChannel: string | null = null
let socket: WebSocket | null = null
let failedAttempts = 0
let reconnectTimer: number | undefined
let pingTimer: number | undefined
let pongTimer: number | undefined
let lastEventId: number | null = null
/** A resubscription with `since` is unconfirmed: its replay may still bring older events than those seen. */
let resuming = false
const confirmed = new Set<string>()
const entries = new Set<Entry>()
const channelUsers = new Map<string, number>()
const seenIds: number[] = []

let sessionCheck: () => Promise<boolean> = () => Promise.resolve(true)

/**
 * How to ask whether the session is still there before reconnecting after a drop: a session ended elsewhere ("sign
 * out everywhere", a changed password) loses its WebSockets too, and reconnecting would only be refused, again and
 * again. `check` resolves false when the session has gone (and the shell has signed out).
 */
export function checkSessionWith(check: () => Promise<boolean>): void {
  sessionCheck = check
}

/** Opens the connection for a signed-in user (their own channel user:{id} comes with it). Idempotent. */
export function connect(userId: number): void {
  const channel = `user:${userId}`
  if (ownChannel === channel) return
  disconnect()
  ownChannel = channel
  window.addEventListener('online', reconnectNow)
  window.addEventListener('offline', goneOffline)
  open()
}

/** Closes the connection on sign-out and forgets where it was. */
export function disconnect(): void {
  ownChannel = null
  window.removeEventListener('online', reconnectNow)
  window.removeEventListener('offline', goneOffline)
  window.clearTimeout(reconnectTimer)
  stopPings()
  const closing = socket
  socket = null
  closing?.close(1000, 'signed out')
  confirmed.clear()
  resuming = false
  lastEventId = null
  seenIds.length = 0
  setState('offline')
}

/**
 * Listens to `channels` until `close()` is called or `until` aborts (pass the page's `left` signal). Several
 * subscriptions may share a channel; the server is asked once.
 */
export function subscribe<Events>(
  channels: readonly string[],
  listener: Listener<Events>,
  until?: AbortSignal,
): Subscription {
  let markReady = (): void => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  const entry: Entry = {
    channels,
    listener: listener as Listener<Record<string, unknown>>,
    loadedInGap: false,
    markReady,
  }
  entries.add(entry)
  const added = channels.filter((channel) => {
    const users = channelUsers.get(channel) ?? 0
    channelUsers.set(channel, users + 1)
    return users === 0
  })
  // The user's own channel comes with the connection; the others are asked for now, or when the socket opens.
  const asked = added.filter((channel) => channel !== ownChannel)
  if (isOpen() && asked.length > 0) send({ type: 'subscribe', channels: asked })
  if (channels.every((channel) => confirmed.has(channel))) markReady()
  if (socket) window.setTimeout(() => giveUpWaiting(entry), readyTimeoutMs)
  else giveUpWaiting(entry)

  const close = (): void => {
    if (!entries.delete(entry)) return
    const removed = channels.filter((channel) => {
      const users = (channelUsers.get(channel) ?? 1) - 1
      if (users > 0) channelUsers.set(channel, users)
      else channelUsers.delete(channel)
      // The user's own channel belongs to the connection, whoever listens to it.
      return users === 0 && channel !== ownChannel
    })
    for (const channel of removed) confirmed.delete(channel)
    if (removed.length > 0 && isOpen()) send({ type: 'unsubscribe', channels: removed })
  }
  if (until?.aborted) close()
  else until?.addEventListener('abort', close, { once: true })
  return { ready, close }
}

/** The page goes on without a confirmation; the next confirmation of its channels decides whether it reloads. */
function giveUpWaiting(entry: Entry): void {
  if (!entries.has(entry) || entry.channels.every((channel) => confirmed.has(channel))) return
  entry.loadedInGap = true
  entry.markReady()
}

function isOpen(): boolean {
  return socket?.readyState === WebSocket.OPEN
}

function send(message: object): void {
  socket?.send(JSON.stringify(message))
}

function setState(state: 'connecting' | 'live' | 'offline'): void {
  // Tests and support staff can see whether live updates are flowing.
  document.documentElement.dataset['realtime'] = state
}

function open(): void {
  if (!ownChannel) return
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/ws`
  const ws = new WebSocket(url)
  socket = ws
  setState('connecting')
  ws.addEventListener('open', () => {
    if (socket !== ws) return
    setState('live')
    if (lastEventId !== null) {
      // Only this message names the user's own channel, so its confirmation is recognised as the resumption's.
      resuming = true
      send({ type: 'subscribe', channels: [ownChannel, ...pageChannels()], since: lastEventId })
    } else {
      subscribeAfresh()
    }
    startPings()
  })
  ws.addEventListener('message', (message) => {
    if (socket === ws && typeof message.data === 'string') receive(message.data)
  })
  ws.addEventListener('close', () => dropped(ws))
}

/** The connection is gone (closed, or the browser went offline): everyone is in a gap until it is back. */
function dropped(ws: WebSocket): void {
  if (socket !== ws) return
  socket = null
  stopPings()
  confirmed.clear()
  resuming = false
  for (const entry of entries) entry.loadedInGap = true
  setState('connecting')
  scheduleReconnect()
}

/** Offline, the socket is dead even if it has not noticed yet: drop it now and come back when online. */
function goneOffline(): void {
  const ws = socket
  if (!ws) return
  dropped(ws)
  ws.close(4001, 'offline')
}

function scheduleReconnect(): void {
  window.clearTimeout(reconnectTimer)
  // Attempts while offline only fail; the online event brings the connection back.
  if (!navigator.onLine) return
  const base = backoffMs[Math.min(failedAttempts, backoffMs.length - 1)] ?? 30_000
  failedAttempts += 1
  // Jitter spreads the reconnections of many browsers after a server restart.
  reconnectTimer = window.setTimeout(reconnectIfSignedIn, base * (0.8 + Math.random() * 0.4))
}

function reconnectIfSignedIn(): void {
  void sessionCheck().then((signedIn) => {
    // Meanwhile the user may have signed out, or the browser come back online and reconnected.
    if (signedIn && ownChannel && !socket) open()
  })
}

function reconnectNow(): void {
  if (!ownChannel || socket) return
  window.clearTimeout(reconnectTimer)
  failedAttempts = 0
  open()
}

function startPings(): void {
  stopPings()
  pingTimer = window.setInterval(() => {
    send({ type: 'ping' })
    window.clearTimeout(pongTimer)
    // No answer at all: the connection is dead without having said so. Closing it starts a reconnection.
    pongTimer = window.setTimeout(() => socket?.close(4000, 'no pong'), pongTimeoutMs)
  }, pingIntervalMs)
}

function stopPings(): void {
  window.clearInterval(pingTimer)
  window.clearTimeout(pongTimer)
}

function receive(text: string): void {
  window.clearTimeout(pongTimer)
  failedAttempts = 0
  let message: ServerMessage
  try {
    message = JSON.parse(text) as ServerMessage
  } catch {
    console.warn('Ignoring a WebSocket message that is not JSON')
    return
  }
  switch (message.type) {
    case 'event':
      deliver(message)
      break
    case 'subscribed':
      confirm(message.channels, message.reload === true)
      break
    case 'error':
      console.warn(`Live updates: ${message.title}${message.detail ? `: ${message.detail}` : ''}`)
      if (resuming) resumptionRefused()
      break
    default:
      break
  }
}

function confirm(channels: readonly string[], reload: boolean): void {
  const replayed = resuming && ownChannel !== null && channels.includes(ownChannel)
  if (replayed) resuming = false
  for (const channel of channels) confirmed.add(channel)
  for (const entry of [...entries]) {
    if (!entry.channels.every((channel) => confirmed.has(channel))) continue
    entry.markReady()
    // A replay from our last event id fills the gap; without one, or when the server has no longer got the
    // events, only loading the data again does.
    const gapUnfilled = entry.loadedInGap && (!replayed || reload)
    entry.loadedInGap = false
    if (reload || gapUnfilled) entry.listener.reload?.()
  }
}

/** The server would not resume (a channel is no longer allowed, too many): go on live, and every page reloads. */
function resumptionRefused(): void {
  resuming = false
  lastEventId = null
  subscribeAfresh()
}

/** Live from now on, with no replay: the pages that may have missed something reload when confirmed. */
function subscribeAfresh(): void {
  // The user's own channel comes with the connection.
  confirm([ownChannel ?? ''], false)
  const channels = pageChannels()
  if (channels.length > 0) send({ type: 'subscribe', channels })
}

/** The channels pages listen to, apart from the user's own. */
function pageChannels(): string[] {
  return [...channelUsers.keys()].filter((channel) => channel !== ownChannel)
}

function deliver(message: RealtimeEvent): void {
  if (seenIds.includes(message.id)) return
  seenIds.push(message.id)
  if (seenIds.length > rememberedEvents) seenIds.shift()
  // Until a resumption is confirmed, events may come out of order; the replay that follows resends them.
  if (!resuming) lastEventId = Math.max(lastEventId ?? 0, message.id)
  for (const entry of [...entries]) {
    if (!entry.channels.includes(message.channel)) continue
    const handler = entry.listener.on[message.event]
    handler?.(message.data, message)
  }
}
