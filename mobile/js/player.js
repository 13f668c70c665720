// The app's audio player (lives in the main webview): the queue store over
// plus.audio.createPlayer (HTML5+ native audio when packaged, the host's <audio> adapter in a
// browser). It announces every change as a 'change' event and reports listening history so
// playback can resume.
import { absoluteUrl } from './api.js';
import { Queue } from './queue.js';
import { playbackPath } from './settings.js';

const TICK_MS = 500;

export class Player extends EventTarget {
  constructor({ report = () => {}, reportEverySeconds = 5, queue = new Queue(),
    mediaUrl = (path) => absoluteUrl(playbackPath(path)) } = {}) {
    super();
    this.report = report;
    this.reportEvery = reportEverySeconds;
    this.mediaUrl = mediaUrl;
    this.list = queue;
    this.status = 'idle';  // idle | loading | playing | paused | ended | error
    this.position = 0;
    this.duration = 0;
    this.volume = 1;
    this.stopAtEnd = false;  // the sleep timer's "end of track"
    this.audio = null;
    this.timer = null;
    this.lastReport = 0;
    this.list.addEventListener('change', () => this._changed());
  }

  get track() { return this.list.current; }

  get queue() { return this.list.tracks; }

  get index() { return this.list.index; }

  get hasNext() { return this.list.nextIndex(false) >= 0; }

  snapshot() {
    return { status: this.status, track: this.track, queue: this.queue, index: this.index,
      position: this.position, duration: this.duration, repeat: this.list.repeat,
      shuffle: this.list.shuffle, has_next: this.hasNext };
  }

  play(tracks, index = 0, position = 0) {
    this._reportNow(false);
    this.list.set(tracks, index);
    this._load(position);
  }

  // Back to a saved queue and position, paused: nothing sounds until the listener says so.
  restore(saved, position = 0) {
    this.list.restore(saved);
    this._close();
    this.position = this.track ? position : 0;
    this.duration = this.track?.duration || 0;
    this._setStatus(this.track ? 'paused' : 'idle');
  }

  jump(index) {
    if (index === this.index || index < 0 || index >= this.queue.length) {
      if (index === this.index) this.seek(0);
      return;
    }
    this._reportNow(false);
    this.list.jump(index);
    this._load(0);
  }

  next() {
    const index = this.list.nextIndex(false);
    if (index >= 0) this._advanceTo(index);
  }

  prev() {
    const index = this.list.prevIndex();
    if (this.position > 3 || index < 0) this.seek(0);
    else this._advanceTo(index);
  }

  remove(index) {
    const wasCurrent = this.list.remove(index);
    if (!wasCurrent) return;
    if (this.track) this._load(0);
    else { this._close(); this._setStatus('idle'); }
  }

  toggle() {
    if (this.status === 'playing' || this.status === 'loading') this.pause();
    else this.resume();
  }

  pause() {
    if (!this.audio || (this.status !== 'playing' && this.status !== 'loading')) return;
    this.audio.pause();
    this._sample();
    this._setStatus('paused');
    this._reportNow(false);
  }

  resume() {
    if (!this.track) return;
    if (!this.audio || this.status === 'ended' || this.status === 'error') {
      this._load(this.status === 'ended' ? 0 : this.position);
      return;
    }
    this.audio.resume();
    this._setStatus('playing');
  }

  // Silence without forgetting the queue (casting hands the queue to a receiver).
  stop() {
    this._sample();
    this._close();
    if (this.track) this._setStatus('paused');
  }

  seek(position) {
    const target = Math.max(0, Math.min(position, this.duration || position));
    this.audio?.seekTo(target);
    this.position = target;
    this._changed();
  }

  setVolume(volume) {
    this.volume = Math.max(0, Math.min(1, volume));
    this.audio?.setVolume(this.volume);
  }

  _advanceTo(index) {
    this._reportNow(false);
    this.list.jump(index);
    this._load(0);
  }

  _close() {
    clearInterval(this.timer);
    this.audio?.close();
    this.audio = null;
  }

  _load(position) {
    this._close();
    const track = this.track;
    if (!track) { this._setStatus('idle'); return; }
    this.position = position;
    this.duration = track.duration || 0;
    this.lastReport = position;
    // startTime: resume where the listener stopped (5+ AudioPlayer style, also in the host).
    const audio = plus.audio.createPlayer({ src: this.mediaUrl(track.audio_url), startTime: position });
    this.audio = audio;
    audio.setVolume(this.volume);
    this._setStatus('loading');
    audio.addEventListener('play', () => this.audio === audio && this._setStatus('playing'));
    audio.addEventListener('canplay', () => {
      if (this.audio === audio && this.position > 0 && audio.getPosition() < 1) {
        audio.seekTo(this.position);
      }
    });
    audio.play(() => this.audio === audio && this._ended(),
      (error) => this.audio === audio && this._failed(error));
    this.timer = setInterval(() => this._tick(), TICK_MS);
  }

  _ended() {
    this.position = this.duration;
    this._reportNow(true);
    const index = this.stopAtEnd ? -1 : this.list.nextIndex(true);
    this.stopAtEnd = false;
    if (index < 0) { this._close(); this._setStatus('ended'); return; }
    this.list.jump(index);
    this._load(0);
  }

  _failed(error) {
    this._setStatus('error');
    this.dispatchEvent(new CustomEvent('error', { detail: error }));
  }

  _tick() {
    if (!this.audio || this.status !== 'playing') return;
    this._sample();
    if (Math.abs(this.position - this.lastReport) >= this.reportEvery) this._reportNow(false);
    this._changed();
  }

  _sample() {
    if (!this.audio) return;
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
