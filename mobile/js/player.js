// The app's audio player (lives in the main webview): a queue over plus.audio.createPlayer
// (HTML5+ native audio when packaged, the host's <audio> adapter in a browser). It announces
// every change as a 'change' event and reports listening history so playback can resume.
import { absoluteUrl } from './api.js';

const TICK_MS = 500;

export class Player extends EventTarget {
  constructor({ report = () => {}, reportEverySeconds = 5 } = {}) {
    super();
    this.report = report;
    this.reportEvery = reportEverySeconds;
    this.queue = [];
    this.index = -1;
    this.status = 'idle';  // idle | loading | playing | paused | ended | error
    this.position = 0;
    this.duration = 0;
    this.audio = null;
    this.timer = null;
    this.lastReport = 0;
  }

  get track() { return this.queue[this.index] || null; }

  snapshot() {
    return { status: this.status, track: this.track, queue: this.queue, index: this.index,
      position: this.position, duration: this.duration };
  }

  play(tracks, index = 0, position = 0) {
    this._reportNow(false);
    this.queue = tracks.filter(Boolean);
    this._load(Math.max(0, Math.min(index, this.queue.length - 1)), position);
  }

  jump(index) {
    if (index < 0 || index >= this.queue.length) return;
    this._reportNow(false);
    this._load(index, 0);
  }

  next() { this.jump(this.index + 1); }

  prev() {
    if (this.position > 3 || this.index === 0) this.seek(0);
    else this.jump(this.index - 1);
  }

  toggle() {
    if (this.status === 'playing' || this.status === 'loading') this.pause();
    else this.resume();
  }

  pause() {
    if (!this.audio || this.status !== 'playing') return;
    this.audio.pause();
    this._sample();
    this._setStatus('paused');
    this._reportNow(false);
  }

  resume() {
    if (!this.audio) return;
    if (this.status === 'ended') { this._load(this.index, 0); return; }
    this.audio.resume();
    this._setStatus('playing');
  }

  seek(position) {
    if (!this.audio) return;
    const target = Math.max(0, Math.min(position, this.duration || position));
    this.audio.seekTo(target);
    this.position = target;
    this._changed();
  }

  _load(index, position) {
    this.audio?.close();
    this.index = index;
    const track = this.track;
    if (!track) { this.audio = null; this._setStatus('idle'); return; }
    this.position = position;
    this.duration = track.duration || 0;
    this.lastReport = position;
    // startTime: resume where the listener stopped (5+ AudioPlayer style, also in the host).
    const audio = plus.audio.createPlayer({ src: absoluteUrl(track.audio_url), startTime: position });
    this.audio = audio;
    this._setStatus('loading');
    audio.addEventListener('play', () => this.audio === audio && this._setStatus('playing'));
    audio.addEventListener('canplay', () => {
      if (this.audio === audio && this.position > 0 && audio.getPosition() < 1) {
        audio.seekTo(this.position);
      }
    });
    audio.play(() => this.audio === audio && this._ended(),
      (error) => this.audio === audio && this._failed(error));
    this._startTimer();
  }

  _ended() {
    this.position = this.duration;
    this._reportNow(true);
    if (this.index < this.queue.length - 1) this.next();
    else this._setStatus('ended');
  }

  _failed(error) {
    this._setStatus('error');
    this.dispatchEvent(new CustomEvent('error', { detail: error }));
  }

  _startTimer() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this._tick(), TICK_MS);
  }

  _tick() {
    if (!this.audio || this.status !== 'playing') return;
    this._sample();
    if (Math.abs(this.position - this.lastReport) >= this.reportEvery) this._reportNow(false);
    this._changed();
  }

  _sample() {
    const position = this.audio.getPosition();
    const duration = this.audio.getDuration();
    if (Number.isFinite(position)) this.position = position;
    if (Number.isFinite(duration) && duration > 0) this.duration = duration;
  }

  _reportNow(completed) {
    const track = this.track;
    if (!track || (this.position < 1 && !completed)) return;
    this.lastReport = this.position;
    this.report({ track_id: track.id, position: Math.round(this.position * 10) / 10, completed });
  }

  _setStatus(status) {
    this.status = status;
    this._changed();
  }

  _changed() { this.dispatchEvent(new Event('change')); }
}
