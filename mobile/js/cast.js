// Casting like Spotify Connect (in the main webview): the device the phone is a remote for,
// the now-playing view the mini-player and the player page render, and the hand-over of the
// queue to a receiver and back.
import { api } from './api.js';
import { DeviceStore, trackInfo } from './devices.js';
import { PositionClock, reportedAt } from './position.js';

const MAX_TRACK_IDS = 500;  // the protocol's limit for one `play`
const STATE_WAIT_MS = 3000;

export class Cast extends EventTarget {
  constructor(player) {
    super();
    this.player = player;
    this.devices = new DeviceStore();
    this.deviceId = null;
    this.track = null;  // the remote's current track, once its details arrive
    this.clock = new PositionClock();
    this.reported = null;  // the device state the clock last heard
    this.devices.addEventListener('change', (e) => {
      // No id: the whole list was replaced (hello), so states are snapshots, maybe seconds old.
      if (!e.detail.id || e.detail.id === this.deviceId) this._deviceChanged(!e.detail.id);
    });
  }

  get device() { return this.deviceId ? this.devices.devices.get(this.deviceId) || null : null; }

  // What the mini-player and the player page show: the phone's player, or the remote's.
  view() {
    const device = this.device;
    if (!device) return { mode: 'local', ...this.player.snapshot() };
    const state = device.state || {};
    const queue = device.queue || { track_ids: [], index: -1 };
    return { mode: 'remote', device_id: device.id, device_name: device.name,
      online: Boolean(device.online), track: this.track, status: state.status || 'idle',
      position: this.clock.position(), duration: state.duration || this.track?.duration || 0,
      queue: [], index: queue.index, has_next: queue.index < (queue.track_ids || []).length - 1 };
  }

  // Move the phone's queue from its current track (or `tracks`) to a device, at `position`.
  async castTo(deviceId, { tracks, index = 0, position } = {}) {
    const player = this.player;
    const list = tracks || player.queue.slice(Math.max(0, player.index));
    const start = tracks ? index : 0;
    const ids = list.slice(start, start + MAX_TRACK_IDS).map((t) => t.id);
    if (!ids.length) throw new Error('Nothing to play');
    const at = position ?? (tracks ? 0 : player.position);
    await api.command(deviceId, { action: 'play', track_ids: ids, mode: 'now',
      position: Math.round(at * 10) / 10 });
    player.stop();
    this._follow(deviceId);
  }

  // "Play here": the receiver's queue comes back to the phone at the receiver's position.
  async takeBack() {
    const device = this.device;
    if (!device) return;
    const queue = device.queue || { track_ids: [], index: -1 };
    const tracks = (await Promise.all((queue.track_ids || []).map((id) => trackInfo(id))))
      .filter(Boolean);
    const current = tracks.findIndex((t) => t.id === queue.track_ids[queue.index]);
    let position = this.clock.position();
    if (device.online) {
      // The receiver's report of its pause has the exact position; the estimate is the fallback.
      const paused = this._nextState(device.id, (state) => state?.status !== 'playing');
      await api.command(device.id, { action: 'pause' }).catch(() => {});
      position = (await paused)?.position ?? this.clock.position();
    }
    this._follow(null);
    if (tracks.length) this.player.play(tracks, Math.max(0, current), position);
  }

  // A transport action (toggle, pause, resume, next, prev, seek) for the remote.
  command(action, { position } = {}) {
    const status = this.device?.state?.status;
    const actions = {
      toggle: () => ({ action: status === 'playing' || status === 'buffering' ? 'pause' : 'resume' }),
      pause: () => ({ action: 'pause' }),
      resume: () => ({ action: 'resume' }),
      next: () => ({ action: 'next' }),
      prev: () => ({ action: 'prev' }),
      seek: () => ({ action: 'seek', position: Math.max(0, Number(position) || 0) }),
    };
    const body = actions[action]?.();
    if (body) api.command(this.deviceId, body).catch(() => {});
  }

  stopFollowing() { this._follow(null); }

  // The device's next state that passes `test`, or null after STATE_WAIT_MS.
  _nextState(deviceId, test) {
    return new Promise((resolve) => {
      const done = (state) => {
        clearTimeout(timer);
        this.devices.removeEventListener('change', check);
        resolve(state);
      };
      const check = (e) => {
        const state = this.devices.devices.get(deviceId)?.state;
        if (e.detail.id === deviceId && test(state)) done(state);
      };
      const timer = setTimeout(() => done(null), STATE_WAIT_MS);
      this.devices.addEventListener('change', check);
    });
  }

  _follow(deviceId) {
    this.deviceId = deviceId;
    this.track = null;
    this.reported = null;
    this._deviceChanged();
  }

  _deviceChanged(snapshot = false) {
    const device = this.device;
    if (this.deviceId && !device && this.devices.devices.size) this.deviceId = null;
    if (device && device.state !== this.reported) {
      this.reported = device.state;
      this.clock.report(device.state, snapshot ? reportedAt(device.state, Date.now()) : undefined);
      const id = device.state?.track_id;
      if (id && this.track?.id !== id) {
        trackInfo(id).then((track) => {
          if (this.device?.state?.track_id === id) { this.track = track; this._changed(); }
        });
      }
    }
    this._changed();
  }

  _changed() { this.dispatchEvent(new Event('change')); }
}
