// The server address and the session, kept in plus.storage (shared by every webview).
export const KEYS = Object.freeze({
  SERVER: 'tapcast.server',
  TOKEN: 'tapcast.token',
  USER: 'tapcast.user',
  HOUSEHOLD: 'tapcast.household',  // the signed-in user's household and role (kid mode)
  PAIR_CODE: 'tapcast.pair-code',
  PLAYER: 'tapcast.player',        // the last queue and position, for the next start
  CAST: 'tapcast.cast',            // the device the phone is a remote for
  DOWNLOADS: 'tapcast.downloads',  // what is kept for offline play
  DATA_SAVER: 'tapcast.data-saver',  // "on": play audio transcoded to DATA_SAVER_KBPS
});

// The stored address, else the origin that served the app (none when packaged: file://).
export function serverUrl() {
  const stored = plus.storage.getItem(KEYS.SERVER);
  if (stored) return stored;
  return /^https?:$/.test(location.protocol) ? location.origin : '';
}

// A normalised http(s) origin (with optional path), or an Error whose message is for people.
export function parseServerUrl(text) {
  const value = String(text || '').trim().replace(/\/+$/, '');
  const hint = 'Enter the server address like http://192.168.1.20:5000';
  if (!value) throw new Error(hint);
  if (/^[a-z]+:(\/\/)?$/i.test(value)) throw new Error(`"${value}" is not a valid address. ${hint}`);
  let url;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new Error(`"${value}" is not a valid address. ${hint}`);
  }
  if (!/^https?:$/.test(url.protocol) || !url.hostname || /\s/.test(value)) {
    throw new Error(`"${value}" is not a valid address. ${hint}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function setServerUrl(url) {
  if (url) plus.storage.setItem(KEYS.SERVER, url);
  else plus.storage.removeItem(KEYS.SERVER);
}

export function token() {
  return plus.storage.getItem(KEYS.TOKEN) || '';
}

export function currentUser() {
  try {
    return JSON.parse(plus.storage.getItem(KEYS.USER) || 'null');
  } catch {
    return null;
  }
}

export function saveSession({ token: value, user }) {
  plus.storage.setItem(KEYS.TOKEN, value);
  plus.storage.setItem(KEYS.USER, JSON.stringify(user));
}

export function clearSession() {
  plus.storage.removeItem(KEYS.TOKEN);
  plus.storage.removeItem(KEYS.USER);
  plus.storage.removeItem(KEYS.HOUSEHOLD);
}

// The data saver: audio streamed as MP3 at this rate, transcoded by the server (ffmpeg).
export const DATA_SAVER_KBPS = 64;

export function dataSaver() {
  return plus.storage.getItem(KEYS.DATA_SAVER) === 'on';
}

export function setDataSaver(on) {
  if (on) plus.storage.setItem(KEYS.DATA_SAVER, 'on');
  else plus.storage.removeItem(KEYS.DATA_SAVER);
}

// The URL the player streams a track's audio from: with the data saver, the same path
// asking for max_bitrate (downloads keep the original file).
export function playbackPath(audioPath, saver = dataSaver()) {
  if (!saver || !/\/media\/tracks\/[^/]+\/audio$/.test(audioPath)) return audioPath;
  return `${audioPath}?max_bitrate=${DATA_SAVER_KBPS}`;
}
