// The receiver page: register once, show the pairing code and QR, obey commands, report state.

import { ApiError, newPairingCode, register } from './api.js';
import { API, CLOSE_UNAUTHORIZED, REPORT_EVERY_MS, STORAGE } from './constants.js';
import { startHouseRules } from './house-rules.js';
import { startMessages } from './messages-view.js';
import { showTrack } from './now-playing.js';
import { Player } from './player.js';
import { startSleepTimer } from './sleep.js';
import { LiveSocket } from './socket.js';

const root = document.querySelector('[data-receiver]');
const $ = (hook) => root.querySelector(`[${hook}]`);
const player = new Player($('data-audio'));
const socket = new LiveSocket(() => API.socket(localStorage.getItem(STORAGE.token)));
const houseRules = startHouseRules(root, { player, socket });
const sleep = startSleepTimer(player, $('data-audio'));

function formatTime(seconds) {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function remember(registration) {
  localStorage.setItem(STORAGE.token, registration.device_token);
  localStorage.setItem(STORAGE.deviceId, registration.device.id);
  rememberCode(registration);
}

function rememberCode({ pairing_code: code, pairing_expires_at: expires }) {
  localStorage.setItem(STORAGE.code, code);
  localStorage.setItem(STORAGE.codeExpires, expires);
}

async function ensureRegistered() {
  if (!localStorage.getItem(STORAGE.token)) remember(await register());
}

async function reRegister() {
  Object.values(STORAGE).forEach((key) => localStorage.removeItem(key));
  await ensureRegistered();
}

async function freshCode() {
  const expires = Date.parse(localStorage.getItem(STORAGE.codeExpires) || '');
  if (!(expires > Date.now() + 30000)) {
    rememberCode(await newPairingCode(localStorage.getItem(STORAGE.token)));
  }
  return localStorage.getItem(STORAGE.code);
}

async function showPairing(device) {
  root.dataset.phase = device.paired ? 'paired' : 'pairing';
  $('data-pairing-panel').hidden = device.paired;
  $('data-paired-panel').hidden = !device.paired;
  $('data-device-name').textContent = device.name;
  if (device.paired) return;
  const code = await freshCode();
  $('data-pairing-code').textContent = code;
  $('data-pairing-qr').src = API.pairingQr(code);
  const expires = new Date(localStorage.getItem(STORAGE.codeExpires));
  $('data-pairing-expires').textContent = `at ${expires.toLocaleTimeString()}`;
}

function renderPlayer() {
  const state = player.snapshot();
  const status = $('data-player-status');
  status.dataset.playerStatus = state.status;
  status.textContent = state.status;
  showTrack(root, state.track_id);
  $('data-position').textContent = formatTime(state.position);
  $('data-duration').textContent = formatTime(state.duration);
  const progress = $('data-progress');
  progress.max = state.duration || 1;
  progress.value = state.duration ? state.position : 0;
  const toggle = $('data-action="toggle"');
  toggle.dataset.playing = String(state.status === 'playing');
  toggle.textContent = state.status === 'playing' ? 'Pause' : 'Play';
  toggle.setAttribute('aria-label', toggle.textContent);
  houseRules.render();
}

function report(event) {
  const state = player.snapshot();
  socket.send('state', event ? { ...state, event } : state);
  // The server stores progress reports only now and then; a reload takes its own last one.
  localStorage.setItem(STORAGE.lastState, JSON.stringify({
    track_id: state.track_id, position: state.position }));
  renderPlayer();
}

function lastReported(hello) {
  try {
    const own = JSON.parse(localStorage.getItem(STORAGE.lastState));
    if (own?.track_id === hello.current.track_id) return own.position || 0;
  } catch { /* unreadable: fall back to the server's copy */ }
  const state = hello.device.state;
  return state?.track_id === hello.current.track_id ? state.position || 0 : 0;
}

// After a server restart the page keeps playing and says so. After a reload it shows the
// server's current track paused at the last reported position: it never starts by itself.
function resume(hello) {
  if (player.trackId !== null) {
    report('state_changed');
  } else if (hello.current) {
    const position = lastReported(hello);
    player.load(hello.current.audio_url, hello.current.track_id, position);
    report('state_changed');
  }
}

const COMMANDS = {
  play: (c) => player.play(c.audio_url, c.track_id, c.position || 0),
  pause: (c) => player.fadeAndPause(c.fade_seconds || 0),
  resume: () => player.resume(),
  stop: () => player.stop(),
  seek: (c) => player.seek(c.position),
  volume: (c) => player.setVolume(houseRules.capVolume(c.volume)),
  sleep: (c) => sleep.start(c),
};

function setConnection(state) {
  const label = $('data-connection');
  label.dataset.connection = state;
  label.textContent = state;
}

socket.addEventListener('open', () => setConnection('online'));
socket.addEventListener('hello', (e) => {
  showPairing(e.detail.device);
  resume(e.detail);
});
socket.addEventListener('device.paired', (e) => showPairing(e.detail.device));
// A voice message holds the speaker: commands wait until it has played.
const messages = startMessages(root, { socket, player, run: (c) => COMMANDS[c.action]?.(c) });
socket.addEventListener('command', (e) => messages.pass(e.detail));
socket.addEventListener('closed', async (e) => {
  setConnection('offline');
  // A refused handshake looks like any failure; ask the API whether the token still works.
  if (e.detail.code === CLOSE_UNAUTHORIZED || !e.detail.opened) {
    try {
      await newPairingCode(localStorage.getItem(STORAGE.token)).then(rememberCode);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await reRegister();
    }
  }
});

player.addEventListener('report', (e) => report(e.detail));
player.addEventListener('blocked', () => { $('data-action="enable-sound"').hidden = false; });
$('data-action="enable-sound"').addEventListener('click', (e) => {
  e.currentTarget.hidden = true;
  player.start();
});
// The big button: pausing always works; starting sound only when the house rules allow.
$('data-action="toggle"').addEventListener('click', () => {
  if (player.status() === 'playing') player.pause();
  else if (houseRules.allowsPlay()) player.resume();
});
$('data-action="new-code"').addEventListener('click', async () => {
  rememberCode(await newPairingCode(localStorage.getItem(STORAGE.token)));
  showPairing({ paired: false, name: '' });
});
// A paired receiver shows a code on request: a phone of another household that enters it
// is offered to join this receiver's household (the code proves it is in the room).
$('data-action="show-join-code"').addEventListener('click', async () => {
  rememberCode(await newPairingCode(localStorage.getItem(STORAGE.token)));
  $('data-join-code').textContent = localStorage.getItem(STORAGE.code);
  $('data-join-panel').hidden = false;
});
$('data-action="forget"').addEventListener('click', async () => {
  socket.stop();
  await reRegister();
  socket.start();
});
setInterval(() => { if (player.trackId !== null) report(null); }, REPORT_EVERY_MS);
// A reload or a closed tab leaves the server the exact position to show again.
window.addEventListener('pagehide', () => { if (player.trackId !== null) report(null); });
setInterval(renderPlayer, 1000);

ensureRegistered().then(() => socket.start()).catch(() => setConnection('cannot register'));
