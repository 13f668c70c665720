// The main webview: tab sub-webviews, the player and its mini-player, the live socket.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { broadcast, EVENTS, fire, on, RELAYED, TABS } from '../events.js';
import { setIcon } from '../icons.js';
import { download, formatSize } from '../downloads.js';
import { startFirstPage } from '../first-page.js';
import { refreshHousehold, saveHousehold } from '../household.js';
import { listenForCommands, Playback, PLAYER_PAGE } from '../mini-player.js';
import { keepShell, registerServiceWorker, watchServer } from '../offline.js';
import { KEYS, serverUrl, token } from '../settings.js';
import { Socket, socketUrl } from '../socket.js';
import { $ } from '../ui.js';
import { refreshUnread, showUnread } from '../unread.js';

const TAB_BAR_HEIGHT = 50;
const MINI_HEIGHT = 58;
const BANNER_HEIGHT = 56;
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

// Resolves once the first tab has shown its content, or FIRST_PAINT_WAIT_MS after its page
// loaded should it never say so. Every webview of the browser host shares one main thread:
// the other tabs' scripts and requests, the socket and the service worker wait for this,
// so they do not compete with the first page.
const FIRST_PAINT_WAIT_MS = 3000;
function firstPaint(tab) {
  return new Promise((resolve) => {
    on(EVENTS.FIRST_PAINT, resolve);
    tab.addEventListener('loaded', () => setTimeout(resolve, FIRST_PAINT_WAIT_MS), false);
  });
}

// The visible tab first; the others once it has painted. Resolves when it has.
function createTabs(self) {
  const painted = firstPaint(createTab(self, activeTab));
  painted.then(() => Object.values(TABS).forEach((url) => createTab(self, url)));
  return painted;
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

// Downloads run here, so closing the page that asked does not stop them.
function startDownloads() {
  on(EVENTS.DOWNLOAD, async (request) => {
    mui.toast(`Downloading ${request.name}…`);
    try {
      const record = await download(request);
      await keepShell().catch(() => {});  // what is downloaded must open without the server
      mui.toast(`${request.name} is kept for offline play (${formatSize(record.bytes)})`);
    } catch {
      mui.toast(`Couldn't download ${request.name}`);
    }
    broadcast(EVENTS.DOWNLOADS_CHANGED, { key: request.key });
  });
}

// Webviews are drawn over the main one: the tabs leave room for the banner and mini-player.
const room = { banner: false, mini: false };

function makeRoom(change) {
  Object.assign(room, change);
  const top = `${room.banner ? BANNER_HEIGHT : 0}px`;
  const bottom = `${TAB_BAR_HEIGHT + (room.mini ? MINI_HEIGHT : 0)}px`;
  Object.values(TABS).forEach((id) => plus.webview.getWebviewById(id)?.setStyle({ top, bottom }));
}

// A banner while the server is out of reach: what still works, and the way to it.
function showReachable(reachable) {
  $('[data-offline]').hidden = reachable;
  document.body.dataset.online = String(reachable);
  makeRoom({ banner: !reachable });
}

function startSocket(devices) {
  const socket = new Socket(() => (token() && serverUrl() ? socketUrl(serverUrl(), token()) : ''));
  socket.addEventListener('status', (e) => broadcast(EVENTS.SOCKET_STATUS, e.detail));
  socket.addEventListener('message', ({ detail: { type, data } }) => {
    if (type === 'hello') {
      saveHousehold(data?.household || null);
      devices.replaceAll(data?.devices || []);
      broadcast(EVENTS.DEVICES, { items: data?.devices || [] });
      showUnread(data?.unread);
    } else if (RELAYED.includes(type)) {
      if (type.startsWith('device.')) devices.apply(type, data || {});
      broadcast(type, data || {});
    }
    if (type === EVENTS.MESSAGE_NEW || type === EVENTS.CONVERSATION_READ) refreshUnread();
    if (type.startsWith('household.')) refreshHousehold().catch(() => {});  // a role may change
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

// An invitation's QR code opens <server>/?join=CODE: the Family page with the code filled in.
function openJoinLink() {
  const code = new URLSearchParams(location.search).get('join');
  if (code) openPage('pages/family.html', 'family', { joinCode: code });
}

async function main() {
  const self = await boot({ beforeback: exitOnSecondBack });
  if (activeTab === TABS.library) startFirstPage();
  const painted = createTabs(self);
  mui('.mui-bar-tab').on('tap', 'a', function tapTab() { showTab(this.dataset.tab); });
  on(EVENTS.OPEN_TAB, ({ tab }) => showTab(tab));
  const playback = new Playback({ onLayout: (shown) => makeRoom({ mini: shown }) });
  playback.restore();
  listenForCommands(playback);
  const mini = $('[data-mini-player]');
  setIcon($('[data-mini-next]'), 'next');
  setIcon($('[data-mini-cast]'), 'cast');
  mui(mini).on('tap', '[data-action]', function tapMini() {
    const action = this.dataset.action;
    if (action === 'open-player') openPage('pages/player.html', PLAYER_PAGE);
    else playback.run({ action });
  });
  openPairingLink();
  openJoinLink();
  startDownloads();
  window.tapcast = { player: playback.player, playback };  // for tests and a browser console
  painted.then(() => {
    const socket = startSocket(playback.cast.devices);
    window.tapcast.socket = socket;
    registerServiceWorker();
    const probe = watchServer(showReachable);
    socket.addEventListener('status', (e) => { if (e.detail.status !== 'connecting') probe(); });
  });
  mui($('[data-offline]')).on('tap', '[data-action="open-downloads"]',
    () => openPage('pages/downloads.html', 'downloads'));
  playback.refresh();
  document.body.dataset.ready = 'true';
}

main();
