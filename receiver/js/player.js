// Plays commanded tracks with <audio> (seeking uses HTTP Range on the media URL) and
// announces every change as a 'report' event whose detail is the protocol's event name.
// 'blocked' is announced when the browser refuses to start sound without a user gesture.

import { fadeOut } from './fade.js';

export class Player extends EventTarget {
  constructor(audio) {
    super();
    this.audio = audio;
    this.trackId = null;
    this.stopped = true;
    this.starting = false;
    const on = (name, handler) => audio.addEventListener(name, handler);
    on('playing', () => {
      this.report(this.starting ? 'started' : 'resumed');
      this.starting = false;
    });
    // Changing the source pauses the old track: not a user's pause.
    on('pause', () => {
      if (!audio.ended && !this.stopped && !this.starting) this.report('paused');
    });
    on('ended', () => this.report('ended'));
    on('seeked', () => this.report('seeked'));
    on('volumechange', () => this.report('volume_changed'));
    on('waiting', () => this.report('state_changed'));
    on('error', () => {
      this.starting = false;
      this.report('state_changed');
    });
  }

  report(event) {
    this.dispatchEvent(new CustomEvent('report', { detail: event }));
  }

  play(url, trackId, position = 0) {
    this.load(url, trackId, position);
    this.starting = true;
    this.start();
  }

  // Ready the track at `position`, paused (a later `resume` starts it).
  load(url, trackId, position = 0) {
    this.trackId = trackId;
    this.stopped = false;
    this.starting = false;
    this.audio.src = url;
    if (position > 0) {
      this.audio.addEventListener('loadedmetadata', () => { this.audio.currentTime = position; },
        { once: true });
    }
  }

  start() {
    this.audio.play().catch((error) => {
      if (error.name === 'NotAllowedError') this.dispatchEvent(new CustomEvent('blocked'));
    });
  }

  pause() { this.audio.pause(); }

  // Fade out over `seconds`, then pause (house rules, sleep timer).
  fadeAndPause(seconds) {
    if (seconds > 0 && !this.audio.paused) fadeOut(this.audio, seconds, () => this.pause());
    else this.pause();
  }

  get volume() { return this.audio.volume; }

  resume() {
    if (this.trackId !== null) {
      this.stopped = false;
      this.start();
    }
  }

  stop() {
    this.stopped = true;
    this.audio.pause();
    if (this.trackId !== null) this.audio.currentTime = 0;
    this.report('state_changed');
  }

  seek(position) {
    if (this.trackId !== null) this.audio.currentTime = position;
  }

  setVolume(volume) { this.audio.volume = volume; }

  status() {
    const audio = this.audio;
    if (this.trackId === null) return 'idle';
    if (this.stopped || audio.ended || audio.error) return 'stopped';
    if (audio.paused) return 'paused';
    return audio.readyState < 3 ? 'buffering' : 'playing';
  }

  // The `state` message body (without event).
  snapshot() {
    const duration = Number.isFinite(this.audio.duration) ? this.audio.duration : null;
    return {
      status: this.status(),
      track_id: this.trackId,
      position: Number.isFinite(this.audio.currentTime) ? this.audio.currentTime : 0,
      duration,
      volume: this.audio.volume,
      // Listening time is counted from this clock, which wall-clock changes do not move.
      monotonic: performance.now() / 1000,
    };
  }
}
