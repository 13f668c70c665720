// The main webview: tab sub-webviews, the player and its mini-player, the live socket.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { broadcast, EVENTS, fire, on, RELAYED, TABS } from '../events.js';
import { setIcon } from '../icons.js';
import { Player } from '../player.js';
import { KEYS, serverUrl, token } from '../settings.js';
import { Socket, socketUrl } from '../socket.js';
import { $, setCover } from '../ui.js';
import { refreshUnread, showUnread } from '../unread.js';

const TAB_BAR_HEIGHT = 50;
const MINI_HEIGHT = 58;
const PLAYER_PAGE = 'player';
let activeTab = TABS.library;
let backPressedAt = 0;

function exitOnSecondBack() {
  if (Date.now() - backPressedAt < 2000) plus.runtime.quit();
  else mui.toast('Press back again to exit');
  backPressedAt = Date.now();
  return false;
}

function createTab(self, url) {
  const existing = plus.webview.getWebviewById(url);
  if (existing) return existing;
  const bottom = TAB_BAR_HEIGHT + ($('[data-mini-player]').hidden ? 0 : MINI_HEIGHT);
  const tab = plus.webview.create(url, url, { top: '0px', bottom: `${bottom}px` });
  if (url !== activeTab) tab.hide();
  self.append(tab);
  return tab;
}

// The visible tab first; the others once it has loaded, so they do not hold up its first paint.
function createTabs(self) {
  createTab(self, activeTab).addEventListener('loaded',
    () => Object.values(TABS).forEach((url) => createTab(self, url)), false);
}

function showTab(name) {
  const target = TABS[name];
  if (!target || target === activeTab) return;
  createTab(plus.webview.currentWebview(), target);
  plus.webview.show(target);
  plus.webview.hide(activeTab);
  activeTab = target;
  document.querySelectorAll('[data-tab]').forEach((a) =>
    a.classList.toggle('mui-active', a.dataset.tab === name));
}

function renderMini(player) {
  const mini = $('[data-mini-player]');
  const track = player.track;
  const wasHidden = mini.hidden;
  mini.hidden = !track;
  if (wasHidden !== mini.hidden) {
    const bottom = `${TAB_BAR_HEIGHT + (track ? MINI_HEIGHT : 0)}px`;
    Object.values(TABS).forEach((id) => plus.webview.getWebviewById(id)?.setStyle({ bottom }));
  }
  if (!track) return;
  if (mini.dataset.trackId !== track.id) {
    mini.dataset.trackId = track.id;
    $('[data-mini-title]').textContent = track.title;
    $('[data-mini-artist]').textContent = track.artist || '';
    setCover($('[data-mini-cover]'), track);
  }
  mini.dataset.status = player.status;
  const playing = player.status === 'playing' || player.status === 'loading';
  setIcon($('[data-mini-toggle]'), playing ? 'pause' : 'play');
  $('[data-mini-next]').disabled = player.index >= player.queue.length - 1;
  const ratio = player.duration ? Math.min(1, player.position / player.duration) : 0;
  $('[data-mini-progress]').style.width = `${(ratio * 100).toFixed(1)}%`;
}

function lightState(player) {
  const { queue, ...state } = player.snapshot();
  return { ...state, queue_length: queue.length };
}

function handleCommand(player, { action, position, index }) {
  const actions = {
    toggle: () => player.toggle(),
    pause: () => player.pause(),
    resume: () => player.resume(),
    next: () => player.next(),
    prev: () => player.prev(),
    seek: () => player.seek(Number(position)),
    jump: () => player.jump(Number(index)),
    state: () => {},
  };
  actions[action]?.();
  fire(PLAYER_PAGE, EVENTS.PLAYER_STATE, player.snapshot());
}

function startPlayer() {
  const player = new Player({
    report: (body) => {
      if (!token()) return;
      api.reportHistory(body).then(() => broadcast(EVENTS.HISTORY_CHANGED, { track_id: body.track_id }))
        .catch(() => {});
    },
  });
  player.addEventListener('change', () => {
    renderMini(player);
    broadcast(EVENTS.PLAYER_STATE, lightState(player));
    fire(PLAYER_PAGE, EVENTS.PLAYER_STATE, player.snapshot());
  });
  player.addEventListener('error', () => mui.toast('This track could not be played'));
  on(EVENTS.PLAY, ({ tracks, index, position }) => player.play(tracks || [], index || 0, position || 0));
  on(EVENTS.PLAYER_COMMAND, (command) => handleCommand(player, command));
  return player;
}

function startSocket() {
  const socket = new Socket(() => (token() && serverUrl() ? socketUrl(serverUrl(), token()) : ''));
  socket.addEventListener('status', (e) => broadcast(EVENTS.SOCKET_STATUS, e.detail));
  socket.addEventListener('message', ({ detail: { type, data } }) => {
    if (type === 'hello') {
      broadcast(EVENTS.DEVICES, { items: data?.devices || [] });
      showUnread(data?.unread);
    } else if (RELAYED.includes(type)) {
      broadcast(type, data || {});
    }
    if (type === EVENTS.MESSAGE_NEW || type === EVENTS.CONVERSATION_READ) refreshUnread();
  });
  const reconnect = () => (token() ? socket.connect() : socket.close());
  on(EVENTS.AUTH_CHANGED, reconnect);
  on(EVENTS.SERVER_CHANGED, reconnect);
  reconnect();
  return socket;
}

// A receiver's QR code opens <server>/?pair=CODE: go to Devices with the code filled in.
function openPairingLink() {
  const code = new URLSearchParams(location.search).get('pair');
  if (!code) return;
  // Kept in storage for a Devices page still loading; the event reaches one already running.
  plus.storage.setItem(KEYS.PAIR_CODE, code);
  showTab('devices');
  fire(TABS.devices, EVENTS.PAIR_CODE, { code });
}

async function main() {
  const self = await boot({ beforeback: exitOnSecondBack });
  createTabs(self);
  mui('.mui-bar-tab').on('tap', 'a', function tapTab() { showTab(this.dataset.tab); });
  on(EVENTS.OPEN_TAB, ({ tab }) => showTab(tab));
  const player = startPlayer();
  const mini = $('[data-mini-player]');
  setIcon($('[data-mini-next]'), 'next');
  mui(mini).on('tap', '[data-action]', function tapMini() {
    const action = this.dataset.action;
    if (action === 'open-player') openPage('pages/player.html', PLAYER_PAGE);
    else handleCommand(player, { action });
  });
  openPairingLink();
  window.tapcast = { player, socket: startSocket() };  // for debugging in a browser console
  document.body.dataset.ready = 'true';
}

main();
