// The receiver's messages from its owner: the unread ones in order, the one being played, and
// whether a message holds the speaker. Announces 'changed', 'arrived' (a new one, for the
// chime) and 'busy' (detail: true while a message plays, false when it is done).

export class Inbox extends EventTarget {
  constructor(api) {
    super();
    this.api = api; // {summary(), list(), markRead(seq)}
    this.pending = []; // unread messages from the owner, oldest first
    this.current = null; // the message on show (a voice clip plays, a text is displayed)
  }

  get busy() { return this.current !== null && this.current.kind === 'voice'; }

  announce(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail })); }

  // What was kept while the receiver was away (the server keeps every message).
  async load() {
    const [summary, page] = await Promise.all([this.api.summary(), this.api.list()]);
    const known = new Set(this.pending.map((m) => m.id));
    const unread = page.items.filter((m) => m.from === 'user' && m.seq > summary.read_seq
                                     && !known.has(m.id) && m.id !== this.current?.id);
    this.pending.push(...unread.reverse());
    this.announce('changed');
    return unread.length;
  }

  receive(message) {
    if (message.from !== 'user' || this.pending.some((m) => m.id === message.id)) return;
    this.pending.push(message);
    this.announce('arrived', message);
    this.announce('changed');
  }

  // Show (or play) the oldest unread message; returns it, or null when there is none.
  next() {
    if (this.current || !this.pending.length) return null;
    this.current = this.pending.shift();
    if (this.busy) this.announce('busy', true);
    this.announce('changed');
    return this.current;
  }

  // The current message could not be played (sound blocked): keep it first in line, unread.
  putBack() {
    if (!this.current) return;
    const wasBusy = this.busy;
    this.pending.unshift(this.current);
    this.current = null;
    this.announce('changed');
    if (wasBusy) this.announce('busy', false);
  }

  // The current message was heard or seen: mark it read on the server.
  async done() {
    const message = this.current;
    if (!message) return;
    const wasBusy = this.busy;
    this.current = null;
    this.announce('changed');
    if (wasBusy) this.announce('busy', false);
    await this.api.markRead(message.seq).catch(() => {});
  }
}
