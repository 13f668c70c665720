// The one way to the server: base URL from settings, Bearer token, JSON errors as mui.toast,
// a clear message when the server cannot be reached, sign-out on an expired token.
import { broadcast, EVENTS } from './events.js';
import { clearSession, serverUrl, token } from './settings.js';

const TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function absoluteUrl(path) {
  if (!path || /^https?:/i.test(path)) return path;
  return `${serverUrl()}${path}`;
}

function unreachable(base) {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return new ApiError(0, 'offline', 'You are offline. Check your connection and try again.');
  }
  return new ApiError(0, 'unreachable',
    `Can't reach the Tapcast server at ${base}. Check that it is running, or change the ` +
    'address in Me › Server.');
}

async function send(method, path, body) {
  const base = serverUrl();
  if (!base) {
    throw new ApiError(0, 'no_server', 'Set the Tapcast server address in Me › Server first.');
  }
  const headers = { Accept: 'application/json' };
  const auth = token();
  if (auth) headers.Authorization = `Bearer ${auth}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(`${base}/api/v1${path}`, { method, headers, signal: controller.signal,
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw unreachable(base);
  } finally {
    clearTimeout(timer);
  }
  return { response, base, hadToken: auth };
}

// The token was refused (expired or revoked): sign out everywhere, once, and say so even
// for quiet calls, since the user must act.
function sessionEnded(refused, code) {
  const error = new ApiError(401, code || 'invalid_token',
    'Your session has expired. Sign in again in Me.');
  error.shown = true;
  if (token() === refused) {
    clearSession();
    broadcast(EVENTS.AUTH_CHANGED, { user: null, reason: code || 'invalid_token' });
    if (typeof mui !== 'undefined') mui.toast(error.message, { duration: 'long' });
  }
  return error;
}

async function decode({ response, base, hadToken }) {
  if (response.status === 204) return null;
  let payload;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(response.status, 'not_tapcast',
      `${base} answered, but not like a Tapcast server. Check the address in Me › Server.`);
  }
  if (response.ok) return payload;
  const error = payload?.error || {};
  if (response.status === 401 && hadToken) throw sessionEnded(hadToken, error.code);
  throw new ApiError(response.status, error.code || 'error',
    error.message || `The server answered ${response.status}`, error.details || {});
}

// Call the API; errors are shown as a toast unless `quiet`, and always rethrown.
export async function request(method, path, { body, query, quiet = false } = {}) {
  const search = query ? `?${new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''))}` : '';
  try {
    return await decode(await send(method, `${path}${search}`, body));
  } catch (error) {
    if (!quiet && !error.shown && typeof mui !== 'undefined') mui.toast(error.message, { duration: 'long' });
    throw error;
  }
}

const enc = encodeURIComponent;

export const api = {
  health: (opts) => request('GET', '/health', opts),
  categories: (opts) => request('GET', '/categories', opts),
  tracks: (query, opts) => request('GET', '/tracks', { query, ...opts }),
  track: (id, opts) => request('GET', `/tracks/${enc(id)}`, opts),
  albums: (query, opts) => request('GET', '/albums', { query, ...opts }),
  album: (id, opts) => request('GET', `/albums/${enc(id)}`, opts),
  artists: (query, opts) => request('GET', '/artists', { query, ...opts }),
  artist: (id, opts) => request('GET', `/artists/${enc(id)}`, opts),
  genres: (opts) => request('GET', '/genres', opts),
  search: (query, opts) => request('GET', '/search', { query, ...opts }),
  register: (body) => request('POST', '/auth/register', { body }),
  login: (body) => request('POST', '/auth/login', { body }),
  logout: () => request('POST', '/auth/logout', { quiet: true }),
  me: (opts) => request('GET', '/me', opts),
  updateMe: (body) => request('PATCH', '/me', { body }),
  subsonicKeys: (opts) => request('GET', '/me/subsonic-keys', opts),
  createSubsonicKey: (name) => request('POST', '/me/subsonic-keys', { body: { name } }),
  revokeSubsonicKey: (id) => request('DELETE', `/me/subsonic-keys/${enc(id)}`),
  favorites: (query, opts) => request('GET', '/me/favorites', { query, ...opts }),
  setFavorite: (id, on) => request(on ? 'PUT' : 'DELETE', `/me/favorites/${enc(id)}`),
  playlists: (opts) => request('GET', '/playlists', opts),
  playlist: (id, opts) => request('GET', `/playlists/${enc(id)}`, opts),
  createPlaylist: (name) => request('POST', '/playlists', { body: { name } }),
  deletePlaylist: (id) => request('DELETE', `/playlists/${enc(id)}`),
  renamePlaylist: (id, name) => request('PATCH', `/playlists/${enc(id)}`, { body: { name } }),
  sharePlaylist: (id, shared) => request('PATCH', `/playlists/${enc(id)}`, { body: { shared } }),
  reorderPlaylist: (id, trackIds, version) => request('PUT', `/playlists/${enc(id)}/order`,
    { body: { track_ids: trackIds, version }, quiet: true }),
  addToPlaylist: (id, trackIds) =>
    request('POST', `/playlists/${enc(id)}/tracks`, { body: { track_ids: trackIds } }),
  removeFromPlaylist: (id, trackId) =>
    request('DELETE', `/playlists/${enc(id)}/tracks/${enc(trackId)}`),
  history: (query, opts) => request('GET', '/me/history', { query, ...opts }),
  reportHistory: (body) => request('POST', '/me/history', { body, quiet: true }),
  devices: (opts) => request('GET', '/devices', opts),
  device: (id, opts) => request('GET', `/devices/${enc(id)}`, opts),
  pair: (code, name, opts) => request('POST', '/devices/pair', { body: { code, name }, ...opts }),
  renameDevice: (id, name) => request('PATCH', `/devices/${enc(id)}`, { body: { name } }),
  deleteDevice: (id) => request('DELETE', `/devices/${enc(id)}`),
  command: (id, body) => request('POST', `/devices/${enc(id)}/commands`, { body }),
  rules: (id, opts) => request('GET', `/devices/${enc(id)}/rules`, opts),
  putRules: (id, body) => request('PUT', `/devices/${enc(id)}/rules`, { body }),
  bonus: (id, minutes) => request('POST', `/devices/${enc(id)}/bonus`, { body: { minutes } }),
  // The last 14 days in the receiver's time zone (the server knows which day is today).
  report: (id, opts) => request('GET', `/devices/${enc(id)}/report`, opts),
  messages: (id, query, opts) =>
    request('GET', `/conversations/${enc(id)}/messages`, { query, ...opts }),
  sendText: (id, text) => request('POST', `/conversations/${enc(id)}/messages`, { body: { text } }),
  markRead: (id) => request('POST', `/conversations/${enc(id)}/read`, { quiet: true }),
  unread: (opts) => request('GET', '/me/unread', opts),
  household: (opts) => request('GET', '/household', opts),
  updateHousehold: (body) => request('PATCH', '/household', { body }),
  members: (opts) => request('GET', '/household/members', opts),
  memberReport: (id, opts) => request('GET', `/household/members/${enc(id)}/report`, opts),
  changeMember: (id, body) => request('PATCH', `/household/members/${enc(id)}`, { body }),
  removeMember: (id) => request('DELETE', `/household/members/${enc(id)}`),
  invites: (opts) => request('GET', '/household/invites', opts),
  invite: (role) => request('POST', '/household/invites', { body: { role } }),
  joinHousehold: (code) => request('POST', '/household/join', { body: { code } }),
};
