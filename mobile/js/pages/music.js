// My music tab: favorites, playlists and history ("continue" where you stopped).
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { currentUser } from '../settings.js';
import { withRetry } from '../retry.js';
import { $, el, formatTime, onAction, playFromRow, replace, skeletonRows, stateView, trackRow } from '../ui.js';

const history = new Map();  // track id -> history row, for "continue"
const lists = { favorites: [], history: [] };  // what a tap on a row queues

function emptyRow(text) {
  return el('li', { class: 'mui-table-view-cell tc-note', 'data-empty': '', text });
}

// Skeleton rows on the first load; an outage shows its message and retries by itself.
async function fill(selector, load, render, emptyText) {
  const list = $(selector);
  if (!list.children.length) replace(list, ...skeletonRows(3));
  try {
    const items = await withRetry(load, { isCurrent: () => Boolean(currentUser()),
      onError: (error, delay) => replace(list, emptyRow(
        `${error.message} Trying again in ${Math.round(delay / 1000)} s…`)) });
    replace(list, ...(items.length ? items.map(render) : [emptyRow(emptyText)]));
  } catch (error) {
    replace(list, emptyRow(error.message));
  }
}

const loadFavorites = () => fill('[data-favorites]',
  async () => {
    lists.favorites = (await api.favorites({ per_page: 100 }, { quiet: true })).items;
    return lists.favorites;
  },
  (track, index) => trackRow(track, { index, list: 'favorites' }), 'No favorites yet. Tap ♡ on a track to keep it here.');

const loadPlaylists = () => fill('[data-playlists]',
  async () => (await api.playlists({ quiet: true })).items,
  (p) => el('li', { class: 'mui-table-view-cell', 'data-playlist': p.id },
    el('button', { type: 'button', class: 'tc-row-link mui-navigate-right',
      'data-action': 'open-playlist', 'data-playlist-id': p.id },
      el('span', { text: p.name }),
      el('span', { class: 'mui-badge', text: String(p.track_count ?? (p.track_ids || []).length) }))),
  'No playlists yet.');

const loadHistory = () => fill('[data-history]',
  async () => {
    const items = (await api.history({ per_page: 50 }, { quiet: true })).items;
    history.clear();
    items.forEach((row) => history.set(row.track.id, row));
    lists.history = items.map((row) => row.track);
    return items;
  },
  (row, index) => {
    const label = row.completed ? 'Play again' : `Continue ${formatTime(row.position)}`;
    const button = el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-outlined tc-continue',
      'data-action': 'continue', 'data-track-id': row.track.id, text: label });
    return trackRow(row.track, { extra: button, index, list: 'history' });
  }, 'Nothing played yet.');

function loadAll() {
  const signedIn = Boolean(currentUser());
  $('[data-music-body]').hidden = !signedIn;
  replace($('[data-music-state]'), signedIn ? null : stateView({ icon: 'star',
    title: 'Your music, everywhere', message: 'Sign in to keep favorites, playlists and history.',
    button: 'Sign in', action: 'sign-in' }));
  if (!signedIn) return;
  loadFavorites();
  loadPlaylists();
  loadHistory();
}

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

function newPlaylist() {
  plus.nativeUI.prompt('Name of the new playlist', async (e) => {
    if (e.index !== 0 || !e.value.trim()) return;
    await api.createPlaylist(e.value.trim());
    loadPlaylists();
  }, 'New playlist', 'Bedtime stories', ['Create', 'Cancel']);
}

async function main() {
  await boot();
  onAction(document.body, {
    'play-track': playFromRow(lists, (list) => toMain(EVENTS.PLAY, list)),
    'open-track': (node) => openPage('track.html', `track-${node.dataset.trackId}`,
      { trackId: node.dataset.trackId }),
    'open-playlist': (node) => openPage('playlist.html', `playlist-${node.dataset.playlistId}`,
      { playlistId: node.dataset.playlistId }),
    continue: (node) => {
      const row = history.get(node.dataset.trackId);
      if (row) toMain(EVENTS.PLAY, { tracks: [row.track], index: 0, position: row.completed ? 0 : row.position });
    },
    'new-playlist': newPlaylist,
    'download-favorites': () => {
      if (lists.favorites.length) {
        toMain(EVENTS.DOWNLOAD, { key: 'favorites', kind: 'favorites', name: 'Favorites',
          tracks: lists.favorites });
      } else {
        mui.toast('No favorites to download yet');
      }
    },
    'open-downloads': () => openPage('downloads.html', 'downloads'),
    'sign-in': () => toMain(EVENTS.OPEN_TAB, { tab: 'me' }),
  });
  on(EVENTS.FAVORITES_CHANGED, debounce(loadFavorites, 150));
  on(EVENTS.PLAYLIST_CHANGED, debounce(loadPlaylists, 150));
  on(EVENTS.HISTORY_CHANGED, debounce(loadHistory, 500));
  on(EVENTS.AUTH_CHANGED, loadAll);
  on(EVENTS.SERVER_CHANGED, loadAll);
  loadAll();
  document.body.dataset.ready = 'true';
}

main();
