// The staff socket (docs/protocol.md): hello with the login token, frames in and out, and a reconnect loop with
// exponential backoff and jitter. Messages not yet acknowledged are resent with their clientId after a reconnect;
// the server stores each clientId once, so nothing is sent twice.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const PING_EVERY_MS = 20_000;

export class StaffSocket {
  /**
   * @param token the login token
   * @param handlers {frame(frame), status(state, detail), refused()}
   */
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.attempt = 0;
    this.outbox = new Map(); // clientId → frame, until its ack
    this.stopped = false;
    this.ready = false;
    this.ws = null;
    this.timer = null;
    this.pinger = null;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    if (this.ws) this.ws.close(1000, 'bye');
    this.ws = null;
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.handlers.status('connecting');
    const ws = new WebSocket(`${scheme}://${location.host}/ws/staff`);
    this.ws = ws;
    this.ready = false;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'hello', token: this.token })));
    ws.addEventListener('message', event => this.received(event.data));
    ws.addEventListener('close', event => this.closed(ws, event));
  }

  received(raw) {
    let frame;
    try { frame = JSON.parse(raw); } catch { return; }
    if (frame.type === 'pong') return;
    if (frame.type === 'welcome') {
      this.ready = true;
      this.attempt = 0;
      this.handlers.status('online');
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.sendRaw({ type: 'ping' }), PING_EVERY_MS);
      this.handlers.frame(frame);
      for (const pending of this.outbox.values()) this.sendRaw(pending);
      return;
    }
    if (frame.type === 'ack') this.outbox.delete(frame.clientId);
    if (frame.type === 'error' && frame.code === 'unauthorized' && !this.ready) {
      this.stopped = true;
      this.handlers.refused();
      return;
    }
    this.handlers.frame(frame);
  }

  closed(ws) {
    if (ws !== this.ws) return;
    clearInterval(this.pinger);
    this.ready = false;
    if (this.stopped) return;
    const delay = this.nextDelay();
    this.handlers.status('lost', Math.round(delay / 1000));
    this.timer = setTimeout(() => this.open(), delay);
  }

  nextDelay() {
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    this.attempt++;
    return Math.round(base * (0.5 + Math.random()));
  }

  sendRaw(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && (this.ready || frame.type === 'hello' || frame.type === 'ping')) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Sends a frame if connected; returns whether it went out. */
  send(frame) {
    return this.sendRaw(frame);
  }

  /** Sends a message frame now or after the next reconnect, until acknowledged. */
  sendMessage(frame) {
    this.outbox.set(frame.clientId, frame);
    this.sendRaw(frame);
  }

  forget(clientId) {
    this.outbox.delete(clientId);
  }
}
