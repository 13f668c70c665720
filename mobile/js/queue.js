// The play queue as a store: tracks, the current index, repeat (off/all/one) and shuffle.
// Pure (no DOM, no audio), so the player and the unit tests drive the same rules.
export const REPEAT_MODES = Object.freeze(['off', 'all', 'one']);

export class Queue extends EventTarget {
  constructor({ random = Math.random } = {}) {
    super();
    this.random = random;
    this.tracks = [];
    this.index = -1;
    this.repeat = 'off';
    this.shuffle = false;
    this.original = [];  // the list's own order, restored when shuffle goes off
  }

  get current() { return this.tracks[this.index] || null; }

  // Replace the queue with a list, starting at `index` (shuffle keeps that track first).
  set(tracks, index = 0) {
    this.tracks = tracks.filter(Boolean);
    this.original = this.tracks.slice();
    this.index = this.tracks.length ? Math.max(0, Math.min(index, this.tracks.length - 1)) : -1;
    if (this.shuffle) this._shuffleRest();
    this._changed();
  }

  // The index that follows: `ended` is true when the current track finished by itself.
  nextIndex(ended = false) {
    if (this.index < 0) return -1;
    if (ended && this.repeat === 'one') return this.index;
    if (this.index + 1 < this.tracks.length) return this.index + 1;
    return this.repeat === 'all' ? 0 : -1;
  }

  prevIndex() {
    if (this.index > 0) return this.index - 1;
    return this.repeat === 'all' && this.tracks.length ? this.tracks.length - 1 : -1;
  }

  // Move to `index`; false (and nothing changes) when it is outside the queue.
  jump(index) {
    if (!Number.isInteger(index) || index < 0 || index >= this.tracks.length) return false;
    this.index = index;
    this._changed();
    return true;
  }

  next(ended = false) { return this.jump(this.nextIndex(ended)); }

  prev() { return this.jump(this.prevIndex()); }

  setRepeat(mode) {
    if (!REPEAT_MODES.includes(mode)) return;
    this.repeat = mode;
    this._changed();
  }

  cycleRepeat() {
    this.setRepeat(REPEAT_MODES[(REPEAT_MODES.indexOf(this.repeat) + 1) % REPEAT_MODES.length]);
    return this.repeat;
  }

  setShuffle(on) {
    this.shuffle = Boolean(on);
    if (this.shuffle) this._shuffleRest();
    else this._unshuffle();
    this._changed();
  }

  // Remove the track at `index`; true when it was the current one (the next takes its place).
  remove(index) {
    if (index < 0 || index >= this.tracks.length) return false;
    const [removed] = this.tracks.splice(index, 1);
    this.original = this.original.filter((t) => t !== removed);
    const wasCurrent = index === this.index;
    if (index < this.index) this.index -= 1;
    if (this.index >= this.tracks.length) this.index = this.tracks.length - 1;
    this._changed();
    return wasCurrent;
  }

  // Reorder: the track at `from` goes to `to`; the current track stays current.
  move(from, to) {
    const last = this.tracks.length - 1;
    if (from < 0 || from > last || to < 0 || to > last || from === to) return;
    const current = this.current;
    const [track] = this.tracks.splice(from, 1);
    this.tracks.splice(to, 0, track);
    this.index = this.tracks.indexOf(current);
    this._changed();
  }

  // "Play next": the track at `index` moves right after the current one.
  playNext(index) {
    if (index === this.index) return;
    this.move(index, index < this.index ? this.index : this.index + 1);
  }

  // Add tracks right after the current one (`next`) or at the end (`last`).
  add(tracks, where = 'last') {
    const items = tracks.filter(Boolean);
    const at = where === 'next' && this.index >= 0 ? this.index + 1 : this.tracks.length;
    this.tracks.splice(at, 0, ...items);
    this.original.push(...items);
    if (this.index < 0 && this.tracks.length) this.index = 0;
    this._changed();
  }

  toJSON() {
    return { tracks: this.tracks, index: this.index, repeat: this.repeat, shuffle: this.shuffle,
      original: this.original.map((t) => this.tracks.indexOf(t)) };
  }

  // Back from toJSON() (e.g. from storage when the app reopens), without reshuffling.
  restore({ tracks = [], index = -1, repeat = 'off', shuffle = false, original } = {}) {
    this.tracks = tracks.filter(Boolean);
    this.index = this.tracks.length ? Math.max(0, Math.min(index, this.tracks.length - 1)) : -1;
    this.repeat = REPEAT_MODES.includes(repeat) ? repeat : 'off';
    this.shuffle = Boolean(shuffle);
    const order = (original || []).map((i) => this.tracks[i]).filter(Boolean);
    this.original = order.length === this.tracks.length ? order : this.tracks.slice();
    this._changed();
  }

  // Fisher-Yates over the tracks after the current one, which moves to the front.
  _shuffleRest() {
    const current = this.current;
    const rest = this.tracks.filter((t) => t !== current);
    for (let i = rest.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      [rest[i], rest[j]] = [rest[j], rest[i]];
    }
    this.tracks = current ? [current, ...rest] : rest;
    this.index = current ? 0 : -1;
  }

  _unshuffle() {
    const current = this.current;
    const kept = this.original.filter((t) => this.tracks.includes(t));
    this.tracks = [...kept, ...this.tracks.filter((t) => !kept.includes(t))];
    this.index = current ? this.tracks.indexOf(current) : -1;
  }

  _changed() { this.dispatchEvent(new Event('change')); }
}
