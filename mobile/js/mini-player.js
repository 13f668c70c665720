// The main webview's playback: the phone's player, the sleep timer, casting, the lock screen,
// the mini-player above the tab bar, and the commands every page sends (EVENTS.PLAYER_COMMAND).
import { api } from './api.js';
import { Cast } from './cast.js';
import { playableUrl } from './downloads.js';
import { broadcast, EVENTS, fire, on } from './events.js';
import { setIcon } from './icons.js';
import { connectMediaSession } from './media-session.js';
import { Player } from './player.js';
import { KEYS, token } from './settings.js';
import { SleepTimer } from './sleep.js';
import { $, setCover } from './ui.js';

export const PLAYER_PAGE = 'player';
export const QUEUE_PAGE = 'queue';
const SMOOTH_MS = 100;  // the remote's position redraws this often between reports
const SAVE_EVERY_MS = 3000;
// What a remote obeys; every other action edits the phone's own queue or settings.
const REMOTE_ACTIONS = new Set(['toggle', 'pause', 'resume', 'next', 'prev', 'seek']);
const SLEEP_CHOICES = [['5 minutes', 5], ['15 minutes', 15], ['30 minutes', 30],
  ['60 minutes', 60], ['End of track', 'track']];

function choose(title, labels, callback) {
  plus.nativeUI.actionSheet({ title, cancel: 'Cancel', buttons: labels.map((l) => ({ title: l })) },
    (e) => { if (e.index > 0) callback(e.index - 1); });
}

function saved(key) {
  try { return JSON.parse(plus.storage.getItem(key) || 'null'); } catch { return null; }
}

export class Playback {
  constructor({ onLayout = () => {} } = {}) {
    this.onLayout = onLayout;  // (miniShown) => the tab webviews make room for the mini-player
    this.player = new Player({ report: (body) => this._reportHistory(body), mediaUrl: playableUrl });
    this.sleep = new SleepTimer(this.player);
    this.cast = new Cast(this.player);
    this.savedAt = 0;
    this.updateSession = connectMediaSession(globalThis.navigator,
      (action, details) => this.run({ action, position: details?.seekTime }));
    const changed = () => this.refresh();
    this.player.addEventListener('change', changed);
    this.sleep.addEventListener('change', changed);
    this.cast.addEventListener('change', changed);
    this.player.addEventListener('error', () => mui.toast('This track could not be played'));
    setInterval(() => this._smooth(), SMOOTH_MS);
  }

  // The queue, position and remote the app had when it was last closed (nothing plays).
  restore() {
    // The remote first: restoring the queue saves both, and must not save "no remote".
    const remote = saved(KEYS.CAST);
    if (remote?.device_id) this.cast.deviceId = remote.device_id;
    const last = saved(KEYS.PLAYER);
    if (last?.queue?.tracks?.length) this.player.restore(last.queue, Number(last.position) || 0);
  }

  view() {
    return { ...this.cast.view(), sleep: this.sleep.snapshot(),
      repeat: this.player.list.repeat, shuffle: this.player.list.shuffle };
  }

  // Play a list from `index`: on the phone, or on the device the phone is a remote for.
  play({ tracks = [], index = 0, position = 0 }) {
    if (this.cast.deviceId) {
      this.cast.castTo(this.cast.deviceId, { tracks, index, position }).catch(() => {});
    } else {
      this.player.play(tracks, index, position);
    }
  }

  run({ action, ...args }) {
    if (this.cast.deviceId && REMOTE_ACTIONS.has(action)) this.cast.command(action, args);
    else this._local(action, args);
    this._tellPages(this.view());
  }

  // The pages that show the whole queue get it; every other webview a light copy.
  _tellPages(view) {
    fire(PLAYER_PAGE, EVENTS.PLAYER_STATE, view);
    fire(QUEUE_PAGE, EVENTS.PLAYER_STATE, view);
  }

  _local(action, { position, index, from, to, minutes }) {
    const player = this.player;
    const actions = {
      toggle: () => player.toggle(),
      pause: () => player.pause(),
      resume: () => player.resume(),
      next: () => player.next(),
      prev: () => player.prev(),
      seek: () => player.seek(Number(position)),
      jump: () => player.jump(Number(index)),
      remove: () => player.remove(Number(index)),
      move: () => player.list.move(Number(from), Number(to)),
      'play-next': () => player.list.playNext(Number(index)),
      repeat: () => player.list.cycleRepeat(),
      shuffle: () => player.list.setShuffle(!player.list.shuffle),
      sleep: () => this._sleep(minutes),
      cast: () => this.chooseDevice(),
      state: () => this.refresh(),
      'play-here': () => this.cast.takeBack().catch(() => mui.toast("Couldn't take it back")),
    };
    actions[action]?.();
  }

  // minutes: a number, 'track', 'off', or nothing to ask the listener.
  _sleep(minutes) {
    if (minutes === 'off') { this.sleep.cancel(); return; }
    if (minutes !== undefined) { this.sleep.start(minutes); return; }
    const labels = [...SLEEP_CHOICES.map(([label]) => label), 'Other…',
      ...(this.sleep.mode ? ['Turn off'] : [])];
    choose('Sleep timer', labels, (i) => {
      if (i < SLEEP_CHOICES.length) this.sleep.start(SLEEP_CHOICES[i][1]);
      else if (i === SLEEP_CHOICES.length) this._askMinutes();
      else this.sleep.cancel();
    });
  }

  _askMinutes() {
    plus.nativeUI.prompt('Stop after how many minutes?', (e) => {
      const minutes = Number(String(e.value || '').replace(',', '.'));
      if (e.index === 0 && minutes > 0) this.sleep.start(minutes);
    }, 'Sleep timer', '20', ['Start', 'Cancel']);
  }

  // tracks: a list to send (else the phone's queue moves, at its position).
  async chooseDevice(tracks) {
    const devices = ((await api.devices().catch(() => ({ items: [] }))).items || []);
    const here = this.cast.deviceId ? ['This phone'] : [];
    const labels = [...here, ...devices.map((d) => `${d.name}${d.online ? '' : ' (offline)'}`)];
    if (!labels.length) { mui.toast('No paired device yet: pair one in the Devices tab'); return; }
    choose('Play on', labels, (i) => {
      if (here.length && i === 0) { this.run({ action: 'play-here' }); return; }
      const device = devices[i - here.length];
      this.cast.devices.apply('device.paired', { device });
      this.cast.castTo(device.id, tracks ? { tracks } : {}).then(() => mui.toast(`Playing on ${device.name}`))
        .catch(() => {});
    });
  }

  _reportHistory(body) {
    if (!token()) return;
    api.reportHistory(body).then(() => broadcast(EVENTS.HISTORY_CHANGED, { track_id: body.track_id }))
      .catch(() => {});
  }

  refresh() {
    const view = this.view();
    this._render(view);
    const { queue, ...light } = view;
    broadcast(EVENTS.PLAYER_STATE, { ...light, queue_length: queue.length });
    this._tellPages(view);
    this._save(view);
  }

  // Between a receiver's reports the remote's position still advances, every SMOOTH_MS.
  _smooth() {
    if (this.cast.deviceId && this.cast.device?.state?.status === 'playing') this._render(this.view());
  }

  _save(view) {
    const now = Date.now();
    const important = view.status !== 'playing' || now - this.savedAt > SAVE_EVERY_MS;
    if (!important) return;
    this.savedAt = now;
    plus.storage.setItem(KEYS.PLAYER, JSON.stringify({ queue: this.player.list.toJSON(),
      position: this.player.position }));
    plus.storage.setItem(KEYS.CAST, JSON.stringify({ device_id: this.cast.deviceId }));
  }

  _render(view) {
    this.updateSession(view);
    const mini = $('[data-mini-player]');
    const track = view.track;
    const shown = Boolean(track || view.mode === 'remote');
    if (mini.hidden === shown) { mini.hidden = !shown; this.onLayout(shown); }
    if (!shown) return;
    mini.dataset.mode = view.mode;
    mini.dataset.status = view.status;
    if (mini.dataset.trackId !== (track?.id || '')) {
      mini.dataset.trackId = track?.id || '';
      $('[data-mini-title]').textContent = track?.title || (view.mode === 'remote' ? 'Nothing playing' : '');
      $('[data-mini-artist]').textContent = track?.artist || '';
      setCover($('[data-mini-cover]'), track);
    }
    const device = $('[data-mini-device]');
    device.hidden = view.mode !== 'remote';
    device.textContent = view.mode === 'remote' ? `Playing on ${view.device_name}` : '';
    const playing = view.status === 'playing' || view.status === 'loading' || view.status === 'buffering';
    const toggle = $('[data-mini-toggle]');
    setIcon(toggle, playing ? 'pause' : 'play');
    toggle.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    $('[data-mini-next]').disabled = !view.has_next;
    const ratio = view.duration ? Math.min(1, view.position / view.duration) : 0;
    const bar = $('[data-mini-progress]');
    bar.style.width = `${(ratio * 100).toFixed(2)}%`;
    bar.dataset.position = view.position.toFixed(2);
  }
}

export function listenForCommands(playback) {
  on(EVENTS.PLAY, (data) => playback.play(data));
  on(EVENTS.PLAYER_COMMAND, (command) => playback.run(command));
  on(EVENTS.CAST, ({ device_id: deviceId, tracks, index }) => {
    if (!deviceId) { playback.chooseDevice(tracks); return; }
    playback.cast.castTo(deviceId, { tracks, index }).catch(() => {});
  });
}
