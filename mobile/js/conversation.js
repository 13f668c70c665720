// One conversation with a receiver as a small store: its messages oldest first, kept live by
// the socket's message.new events. Announces 'change'.
import { api } from './api.js';

export class Conversation extends EventTarget {
  constructor(deviceId) {
    super();
    this.deviceId = deviceId;
    this.messages = [];
  }

  async load() {
    const page = await api.messages(this.deviceId, { per_page: 50 }, { quiet: true });
    this.messages = page.items.slice().reverse();
    this.changed();
  }

  // A message from the server (a send's answer, or a socket event); true when it was new.
  add(message) {
    if (message.device_id !== this.deviceId || this.messages.some((m) => m.id === message.id)) {
      return false;
    }
    this.messages.push(message);
    this.messages.sort((a, b) => a.seq - b.seq);
    this.changed();
    return true;
  }

  markRead() {
    return api.markRead(this.deviceId).catch(() => {});
  }

  changed() { this.dispatchEvent(new CustomEvent('change')); }
}
