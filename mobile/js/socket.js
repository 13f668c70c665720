// The app's live connection (/ws?token=): device state and sync events, reconnecting with
// exponential backoff. Messages are announced as 'message' events ({type, id?, data}).
const MAX_DELAY_MS = 30000;
const AUTH_CLOSE = 4401;

export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.5 + random() / 2));  // jitter so clients do not reconnect together
}

export function socketUrl(httpBase, token) {
  const url = new URL('/ws', httpBase.replace(/^http/i, 'ws'));
  url.searchParams.set('token', token);
  return url.href;
}

export class Socket extends EventTarget {
  constructor(urlFactory) {
    super();
    this.urlFactory = urlFactory;  // () => ws URL, or '' when signed out
    this.ws = null;
    this.attempt = 0;
    this.timer = null;
    this.status = 'closed';
    this.wanted = false;
  }

  connect() {
    this.wanted = true;
    clearTimeout(this.timer);
    const url = this.urlFactory();
    if (!url) { this._setStatus('closed'); return; }
    this.ws?.close();
    const ws = new WebSocket(url);
    this.ws = ws;
    this._setStatus('connecting');
    ws.onopen = () => { this.attempt = 0; this._setStatus('open'); };
    ws.onmessage = (event) => this._receive(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (event.code === AUTH_CLOSE) {
        this.wanted = false;
        this._setStatus('unauthorized');
        return;
      }
      this._setStatus('closed');
      if (this.wanted) this._retry();
    };
  }

  close() {
    this.wanted = false;
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this._setStatus('closed');
  }

  send(type, data, id) {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify({ type, data, ...(id ? { id } : {}) }));
    return true;
  }

  _retry() {
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  _receive(raw) {
    let message;
    try { message = JSON.parse(raw); } catch { return; }
    if (message?.type === 'ping') { this.send('pong', {}); return; }  // the server's heartbeat
    if (message && typeof message.type === 'string') {
      this.dispatchEvent(new CustomEvent('message', { detail: message }));
    }
  }

  _setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status } }));
  }
}
