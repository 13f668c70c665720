// Remote control of one device (extras: {deviceId}): live state, transport, volume, rename.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { DeviceStore, statusLabel, trackTitle } from '../devices.js';
import { broadcast, EVENTS, on } from '../events.js';
import { setIcon } from '../icons.js';
import { PositionClock } from '../position.js';
import { $, el, formatTime, loadInto, onAction, replace } from '../ui.js';

const SMOOTH_MS = 100;  // the position advances between the receiver's reports
const store = new DeviceStore();
const clock = new PositionClock();
let reported = null;  // the device state the clock last heard
let deviceId = null;

function build() {
  replace($('[data-remote-body]'),
    el('div', { class: 'tc-hero' },
      el('h2', { 'data-remote-name': '' }),
      el('p', { class: 'tc-device-state', 'data-remote-status': '' }),
      el('p', { 'data-remote-track': '' })),
    el('div', { class: 'tc-seek' },
      el('input', { type: 'range', min: '0', max: '0', step: '0.1', value: '0', 'data-remote-seek': '' }),
      el('div', { class: 'tc-times' }, el('span', { 'data-remote-position': '', text: '0:00' }),
        el('span', { 'data-remote-duration': '', text: '0:00' }))),
    el('div', { class: 'tc-transport' },
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'prev', 'aria-label': 'Previous' }),
      el('button', { type: 'button', class: 'tc-icon-btn tc-play', 'data-action': 'toggle',
        'data-remote-toggle': '', 'aria-label': 'Play or pause' }),
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'next', 'aria-label': 'Next' }),
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'stop', 'aria-label': 'Stop' })),
    el('h2', { class: 'tc-section-title', text: 'Volume' }),
    el('div', { class: 'tc-seek' }, el('input', { type: 'range', min: '0', max: '1', step: '0.05',
      value: '1', 'data-volume': '' })),
    el('h2', { class: 'tc-section-title', text: 'Sleep timer' }),
    el('div', { class: 'tc-actions' },
      ...[[15, '15 min'], [30, '30 min'], ['track', 'End of track'], [0, 'Off']].map(([value, label]) =>
        el('button', { type: 'button', class: 'mui-btn', 'data-action': 'sleep',
          'data-sleep': String(value), text: label }))),
    el('div', { class: 'tc-actions' },
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'rules', text: 'House rules' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'report', text: 'Listening' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'rename', text: 'Rename' }),
      el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
        'data-action': 'forget', text: 'Unpair' })));
  setIcon($('[data-action="prev"]'), 'prev');
  setIcon($('[data-action="next"]'), 'next');
  setIcon($('[data-action="stop"]'), 'stop');
  $('[data-volume]').addEventListener('change', (e) =>
    send({ action: 'volume', volume: Number(e.target.value) }));
  const seek = $('[data-remote-seek]');
  seek.addEventListener('input', () => { seek.dataset.dragging = 'true'; });
  seek.addEventListener('change', () => {
    delete seek.dataset.dragging;
    send({ action: 'seek', position: Number(seek.value) });
  });
}

function render() {
  const device = store.devices.get(deviceId);
  if (!device) return;
  if (!$('[data-remote-name]')) build();
  const state = device.state || {};
  $('[data-page-title]').textContent = device.name;
  $('[data-remote-name]').textContent = device.name;
  document.body.dataset.status = device.online ? state.status || 'idle' : 'offline';
  $('[data-remote-status]').textContent = statusLabel(device);
  if (device.state !== reported) { reported = device.state; clock.report(state); }
  renderPosition();
  setIcon($('[data-remote-toggle]'), state.status === 'playing' ? 'pause' : 'play');
  if (typeof state.volume === 'number') $('[data-volume]').value = String(state.volume);
  trackTitle(state.track_id).then((title) => { $('[data-remote-track]').textContent = title; });
}

function renderPosition() {
  const state = clock.state || {};
  const position = clock.position();
  $('[data-remote-position]').textContent = formatTime(position);
  $('[data-remote-duration]').textContent = formatTime(state.duration);
  const seek = $('[data-remote-seek]');
  seek.max = String(state.duration || 0);
  if (!seek.dataset.dragging) seek.value = String(position);
}

function send(command) {
  return api.command(deviceId, command).catch(() => {});
}

// The receiver's own sleep timer: N minutes, or the end of the current track, with a fade.
function sleep(node) {
  const value = node.dataset.sleep;
  send(value === 'track' ? { action: 'sleep', end_of_track: true }
    : { action: 'sleep', minutes: Number(value) });
}

function toggle() {
  const status = store.devices.get(deviceId)?.state?.status;
  send({ action: status === 'playing' ? 'pause' : 'resume' });
}

function rename() {
  plus.nativeUI.prompt('New name', async (e) => {
    if (e.index !== 0 || !e.value.trim()) return;
    const device = await api.renameDevice(deviceId, e.value.trim());
    store.apply(EVENTS.DEVICE_RENAMED, { device });
    broadcast(EVENTS.DEVICE_RENAMED, { device });
  }, 'Rename device', store.devices.get(deviceId)?.name, ['Save', 'Cancel']);
}

function forget() {
  plus.nativeUI.confirm('Unpair this device?', async (e) => {
    if (e.index !== 0) return;
    await api.deleteDevice(deviceId);
    broadcast(EVENTS.DEVICE_REMOVED, { device_id: deviceId });
  }, 'Unpair', ['Unpair', 'Cancel']);
}

function load() {
  return loadInto($('[data-remote-body]'), () => api.device(deviceId, { quiet: true }),
    (device) => store.replaceAll([device]), "Couldn't load this device");
}

async function main() {
  const self = await boot();
  deviceId = self.deviceId;
  store.addEventListener('change', render);
  onAction(document.body, {
    prev: () => send({ action: 'prev' }),
    next: () => send({ action: 'next' }),
    stop: () => send({ action: 'stop' }),
    toggle,
    sleep,
    rules: () => openPage('rules.html', `rules-${deviceId}`, { deviceId }),
    report: () => openPage('report.html', `report-${deviceId}`, { deviceId }),
    rename,
    forget,
    retry: load,
  });
  for (const type of [EVENTS.DEVICE_STATE, EVENTS.DEVICE_PRESENCE, EVENTS.DEVICE_QUEUE,
    EVENTS.DEVICE_RENAMED]) {
    on(type, (data) => store.apply(type, data));
  }
  on(EVENTS.DEVICE_REMOVED, ({ device_id: removed }) => {
    if (removed === deviceId) { mui.toast('This device was unpaired'); mui.back(); }
  });
  on(EVENTS.DEVICES, ({ items }) => {
    const fresh = (items || []).find((d) => d.id === deviceId);
    if (fresh) store.replaceAll([fresh]);
  });
  setInterval(() => {
    if (clock.state?.status === 'playing' && $('[data-remote-position]')) renderPosition();
  }, SMOOTH_MS);
  await load();
  document.body.dataset.ready = 'true';
}

main();
