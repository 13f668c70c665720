// Devices tab: paired receivers with their live state, and pairing by code.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { DeviceStore, statusLabel, trackTitle } from '../devices.js';
import { refreshHousehold } from '../household.js';
import { currentUser, KEYS } from '../settings.js';
import { $, el, formatTime, onAction, replace, stateView } from '../ui.js';

const store = new DeviceStore();
const unread = new Map();  // device id -> messages from it not read yet

// The conversation with the device, with its unread count.
function chatButton(device) {
  const count = unread.get(device.id) || 0;
  return el('button', { type: 'button', class: 'tc-chat-btn', 'data-action': 'open-conversation',
    'data-device-id': device.id, 'aria-label': 'Messages' },
  el('span', { class: 'mui-icon mui-icon-chatbubble' }),
  el('span', { class: 'mui-badge', 'data-unread-badge': '', hidden: count === 0,
    text: String(count) }));
}

function setUnread({ items }) {
  unread.clear();
  (items || []).forEach((item) => unread.set(item.device_id, item.unread));
  render();
}

function deviceRow(device) {
  const state = el('p', { class: 'tc-device-state', 'data-device-state': '' });
  const row = el('li', { class: 'mui-table-view-cell', 'data-device': device.id,
    'data-online': String(device.online), 'data-status': device.state?.status || '' },
  el('a', { class: 'mui-navigate-right', 'data-action': 'open-device', 'data-device-id': device.id },
    el('div', {}, el('span', { class: `tc-dot${device.online ? ' tc-online' : ''}` }),
      el('span', { 'data-device-name': '', text: device.name })),
    state));
  const line = statusLabel(device);
  state.textContent = line;
  const trackId = device.online ? device.state?.track_id : null;
  if (trackId) {
    trackTitle(trackId).then((title) => {
      const position = formatTime(device.state.position);
      state.textContent = `${line} · ${title} · ${position}`;
    });
  }
  row.append(chatButton(device));
  return row;
}

function pairForm() {
  return el('div', {},
    el('h2', { class: 'tc-section-title', text: 'Add a device' }),
    el('div', { class: 'tc-form' },
      el('div', { class: 'mui-input-group' },
        el('div', { class: 'mui-input-row' }, el('label', { text: 'Code' }),
          el('input', { type: 'text', autocapitalize: 'characters', autocomplete: 'off',
            placeholder: 'Shown on the device', 'data-pair-code': '' })),
        el('div', { class: 'mui-input-row' }, el('label', { text: 'Name' }),
          el('input', { type: 'text', placeholder: 'Kitchen speaker', 'data-pair-name': '' }))),
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-block',
        'data-action': 'pair', text: 'Pair' }),
      el('p', { class: 'tc-note', text: 'Open /receiver/ on the device (a speaker, a tablet, a browser tab) to see its code.' })));
}

function render() {
  const body = $('[data-devices-body]');
  if (!currentUser()) {
    replace(body, stateView({ icon: 'paperplane', title: 'Play on your speakers',
      message: 'Sign in to pair devices and control them from here.', button: 'Sign in',
      action: 'sign-in' }));
    return;
  }
  const devices = [...store.devices.values()];
  const list = devices.length
    ? el('ul', { class: 'mui-table-view', 'data-device-list': '' }, ...devices.map(deviceRow))
    : el('p', { class: 'tc-note', 'data-empty': '', text: 'No device paired yet.' });
  const form = $('[data-pair-form]') || pairForm();
  form.setAttribute('data-pair-form', '');
  form.setAttribute('data-adult-only', '');
  replace(body, el('h2', { class: 'tc-section-title', text: 'Your devices' }), list, form);
  fillPairCode();
}

async function pair() {
  const code = $('[data-pair-code]').value.trim();
  const name = $('[data-pair-name]').value.trim() || 'Speaker';
  if (!code) { mui.toast('Enter the code shown on the device'); return; }
  let device;
  try {
    device = await api.pair(code, name, { quiet: true });
  } catch (error) {
    if (error.code === 'household_join_required') await offerJoin(code, error.details.household);
    else mui.toast(error.message, { duration: 'long' });
    return;
  }
  mui.toast(`Paired ${device.name}`);
  $('[data-pair-code]').value = '';
  $('[data-pair-name]').value = '';
  await reload();
}

// The receiver is another household's: its code proves this phone is in the room, so offer
// to join that household (its adults are told and can remove us).
async function offerJoin(code, household) {
  const yes = await new Promise((resolve) => plus.nativeUI.confirm(
    `This receiver belongs to ${household.name}. Join that household? You will share its ` +
    'receivers and messages.', (e) => resolve(e.index === 0), 'Join household',
    ['Join', 'Cancel']));
  if (!yes) return;
  const joined = await api.joinHousehold(code);
  mui.toast(`Welcome to ${joined.name}`);
  $('[data-pair-code]').value = '';
  await refreshHousehold().catch(() => {});
  await reload();
}

// A code from a scanned receiver QR (main stored it): fill it in once.
function fillPairCode() {
  const code = plus.storage.getItem(KEYS.PAIR_CODE);
  const input = $('[data-pair-code]');
  if (!code || !input) return;
  input.value = code;
  plus.storage.removeItem(KEYS.PAIR_CODE);
}

async function reload() {
  if (!currentUser()) { render(); return; }
  try {
    await store.load();
    api.unread({ quiet: true }).then(setUnread).catch(() => {});
  } catch (error) {
    replace($('[data-devices-body]'), stateView({ title: "Couldn't load your devices",
      message: error.message, button: 'Try again', action: 'retry' }));
  }
}

async function main() {
  await boot();
  store.addEventListener('change', render);
  onAction(document.body, {
    'open-device': (node) => openPage('remote.html', `remote-${node.dataset.deviceId}`,
      { deviceId: node.dataset.deviceId }),
    'open-conversation': (node) => openPage('conversation.html',
      `conversation-${node.dataset.deviceId}`,
      { deviceId: node.dataset.deviceId, name: store.devices.get(node.dataset.deviceId)?.name }),
    pair: () => pair().catch(() => {}),
    retry: reload,
    'sign-in': () => toMain(EVENTS.OPEN_TAB, { tab: 'me' }),
  });
  on(EVENTS.DEVICES, ({ items }) => store.replaceAll(items || []));
  for (const type of [EVENTS.DEVICE_STATE, EVENTS.DEVICE_PRESENCE, EVENTS.DEVICE_QUEUE,
    EVENTS.DEVICE_PAIRED, EVENTS.DEVICE_RENAMED, EVENTS.DEVICE_REMOVED]) {
    on(type, (data) => { if (!store.apply(type, data)) reload(); });
  }
  on(EVENTS.PAIR_CODE, fillPairCode);
  on(EVENTS.UNREAD, setUnread);
  on(EVENTS.AUTH_CHANGED, reload);
  on(EVENTS.SERVER_CHANGED, reload);
  let lost = false;  // the socket closed and has not come back yet
  on(EVENTS.SOCKET_STATUS, ({ status }) => {
    const note = $('[data-live-status]');
    lost = status !== 'open' && (lost || status === 'closed');
    note.dataset.liveStatus = status;
    note.hidden = !lost || !currentUser();
    note.textContent = 'Live updates paused: reconnecting to the server…';
    if (status === 'open') reload();  // catch up on what happened while away
  });
  await reload();
  render();
  document.body.dataset.ready = 'true';
}

main();
