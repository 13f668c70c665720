// Every event the webviews exchange (mui.fire -> document listeners), and the webview ids.
export const EVENTS = Object.freeze({
  PLAY: 'tapcast:play',                      // {tracks, index, position?}  any page -> main
  PLAYER_COMMAND: 'tapcast:player-command',  // {action, position?, index?, ...} any page -> main
  CAST: 'tapcast:cast',                      // {device_id?, tracks?, index?}  any page -> main
  DOWNLOAD: 'tapcast:download',              // {key, kind, name, tracks}      any page -> main
  DOWNLOADS_CHANGED: 'tapcast:downloads-changed',  // {key}                  main -> all
  PLAYER_STATE: 'tapcast:player-state',      // player snapshot              main -> all
  AUTH_CHANGED: 'tapcast:auth-changed',      // {user, reason?}              any page -> all
  SERVER_CHANGED: 'tapcast:server-changed',  // {url}                        me -> all
  OPEN_TAB: 'tapcast:open-tab',              // {tab}                        any page -> main
  FIRST_PAINT: 'tapcast:first-paint',        // {}  the first tab shows its content: tab -> main
  SOCKET_STATUS: 'tapcast:socket-status',    // {status}                     main -> all
  DEVICES: 'tapcast:devices',                // {items: [Device]}            main -> all
  // The server's own names, relayed by main from the socket; pages fire them too.
  FAVORITES_CHANGED: 'favorites.changed',    // {track_id, is_favorite}
  PLAYLIST_CHANGED: 'playlist.changed',      // {playlist_id?}
  HISTORY_CHANGED: 'history.changed',        // {track_id?}
  DEVICE_STATE: 'device.state',              // {device_id, state}
  DEVICE_PRESENCE: 'device.presence',        // {device_id, online}
  DEVICE_QUEUE: 'device.queue',              // {device_id, queue}
  DEVICE_PAIRED: 'device.paired',            // {device}
  DEVICE_RENAMED: 'device.renamed',          // {device}
  DEVICE_REMOVED: 'device.removed',          // {device_id}
  DEVICE_RULES: 'device.rules',              // {device_id, rules, set, bonus_until, now}
  PAIR_CODE: 'tapcast:pair-code',            // {code} from a scanned /?pair=CODE link
  MESSAGE_NEW: 'message.new',                // {device_id, message}
  CONVERSATION_READ: 'conversation.read',    // {device_id, side, unread, read_seq, ...}
  HOUSEHOLD: 'tapcast:household',            // {household} (stored)           main -> all
  HOUSEHOLD_CHANGED: 'household.changed',    // {household: {id, name, time_zone}}
  MEMBER_JOINED: 'household.member_joined',  // {member}
  MEMBER_CHANGED: 'household.member_changed',  // {member}
  MEMBER_REMOVED: 'household.member_removed',  // {member_id}
  UNREAD: 'tapcast:unread',                  // {items: [{device_id, unread}], unread_total} main -> all
});

// Server events main relays from the socket to every webview.
export const RELAYED = [EVENTS.FAVORITES_CHANGED, EVENTS.PLAYLIST_CHANGED, EVENTS.HISTORY_CHANGED,
  EVENTS.DEVICE_STATE, EVENTS.DEVICE_PRESENCE, EVENTS.DEVICE_QUEUE, EVENTS.DEVICE_PAIRED,
  EVENTS.DEVICE_RENAMED, EVENTS.DEVICE_REMOVED, EVENTS.MESSAGE_NEW, EVENTS.CONVERSATION_READ,
  EVENTS.HOUSEHOLD_CHANGED, EVENTS.MEMBER_JOINED, EVENTS.MEMBER_CHANGED, EVENTS.MEMBER_REMOVED,
  EVENTS.DEVICE_RULES];

export const TABS = Object.freeze({
  library: 'pages/library.html',
  music: 'pages/music.html',
  devices: 'pages/devices.html',
  me: 'pages/me.html',
});

export function mainWebview() {
  return plus.webview.getLaunchWebview() || plus.webview.getWebviewById(plus.runtime.appid);
}

// Send an event to one webview (a webview object or its id).
export function fire(target, name, data = {}) {
  const webview = typeof target === 'string' ? plus.webview.getWebviewById(target) : target;
  if (webview) mui.fire(webview, name, data);
}

export function toMain(name, data = {}) {
  fire(mainWebview(), name, data);
}

// Send an event to every open webview, this one included.
export function broadcast(name, data = {}) {
  for (const webview of plus.webview.all()) mui.fire(webview, name, data);
}

export function on(name, handler) {
  document.addEventListener(name, (event) => handler(event.detail || {}));
}
