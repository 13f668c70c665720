// The live socket: reconnects with backoff, answers heartbeats, announces each message type.
// Events: 'open', 'closed' (detail: {code, opened}), and one per message type (detail: data).

import { reconnectDelay } from './backoff.js';

export class LiveSocket extends EventTarget {
  constructor(urlFor) {
    super();
    this.urlFor = urlFor; // () => URL, asked again at each attempt (the token may change)
    this.attempt = 0;
    this.ws = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  open() {
    const ws = new WebSocket(this.urlFor());
    let opened = false;
    this.ws = ws;
    ws.addEventListener('open', () => {
      opened = true;
      this.attempt = 0;
      this.dispatchEvent(new CustomEvent('open'));
    });
    ws.addEventListener('message', (event) => this.receive(event.data));
    ws.addEventListener('close', (event) => {
      if (this.ws === ws) this.ws = null;
      this.dispatchEvent(new CustomEvent('closed', { detail: { code: event.code, opened } }));
      if (!this.stopped) this.retry();
    });
  }

  retry() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), reconnectDelay(this.attempt));
    this.attempt += 1;
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === 'ping') {
      this.send('pong');
      return;
    }
    this.dispatchEvent(new CustomEvent(message.type, { detail: message.data || {} }));
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  send(type, data = {}) {
    if (!this.connected) return false;
    this.ws.send(JSON.stringify({ type, data }));
    return true;
  }
}
