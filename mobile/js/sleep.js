// The sleep timer: after N minutes, or at the end of the current track, fade out and pause.
const FADE_SECONDS = 10;
const TICK_MS = 200;

export class SleepTimer extends EventTarget {
  // now and every (setInterval's shape) are the clock; tests pass their own.
  constructor(player, { now = () => Date.now(), every = (fn, ms) => setInterval(fn, ms) } = {}) {
    super();
    this.player = player;
    this.now = now;
    this.every = every;
    this.mode = null;  // null | 'minutes' | 'track'
    this.endsAt = 0;
    this.fadeSeconds = FADE_SECONDS;
    this.timer = null;
  }

  // Seconds left (null when off); for "end of track", what is left of the track.
  remaining() {
    if (this.mode === 'minutes') return Math.max(0, (this.endsAt - this.now()) / 1000);
    if (this.mode === 'track') return Math.max(0, this.player.duration - this.player.position);
    return null;
  }

  // minutes > 0 (fractions allowed), or 'track' for the end of the current track.
  start(minutes) {
    this.cancel();
    if (minutes === 'track') {
      this.mode = 'track';
      this.player.stopAtEnd = true;
      this.fadeSeconds = FADE_SECONDS;
    } else {
      const seconds = Number(minutes) * 60;
      if (!(seconds > 0)) return;
      this.mode = 'minutes';
      this.endsAt = this.now() + seconds * 1000;
      // A very short timer still fades, over its second half.
      this.fadeSeconds = Math.min(FADE_SECONDS, seconds / 2);
    }
    this.timer = this.every(() => this._tick(), TICK_MS);
    this._changed();
  }

  cancel() {
    if (!this.mode) return;
    clearInterval(this.timer);
    this.mode = null;
    this.player.stopAtEnd = false;
    this.player.setVolume(1);
    this._changed();
  }

  snapshot() {
    return this.mode ? { mode: this.mode, remaining: this.remaining() } : null;
  }

  _tick() {
    const left = this.remaining();
    if (this.mode === 'track' && this.player.status === 'ended') { this.cancel(); return; }
    if (this.mode === 'minutes' && left <= 0) {
      this.player.pause();
      this.cancel();
      return;
    }
    this.player.setVolume(left < this.fadeSeconds ? left / this.fadeSeconds : 1);
  }

  _changed() { this.dispatchEvent(new Event('change')); }
}
