// One playlist: play it, open or remove its tracks, share it with the family, delete it.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { broadcast, EVENTS, on, toMain } from '../events.js';
import { findDownload, removeDownload } from '../downloads.js';
import { currentUser } from '../settings.js';
import { $, el, loadInto, onAction, playFromRow, replace, stateView, trackRow } from '../ui.js';

let playlist = null;

const downloadKey = () => `playlist:${playlist.id}`;

function downloadButton() {
  const kept = findDownload(downloadKey());
  return el('button', { type: 'button', class: 'mui-btn mui-btn-outlined', 'data-download-state':
    kept ? 'kept' : 'none', 'data-action': kept ? 'remove-download' : 'download',
  disabled: !playlist.tracks.length, text: kept ? 'Downloaded ✓ Remove' : 'Download' });
}

// Move up, move down and remove, each a labelled button (reachable by keyboard too).
function rowTools(track, i, count) {
  const tool = (action, text, label, disabled) => el('button', { type: 'button',
    class: 'tc-icon-btn tc-row-tool', 'data-action': action, 'data-track-id': track.id,
    'aria-label': `${label} ${track.title}`, disabled, text });
  return el('div', { class: 'tc-row-tools' },
    tool('move-up', '↑', 'Move up', i === 0),
    tool('move-down', '↓', 'Move down', i === count - 1),
    tool('remove', '✕', 'Remove', false));
}

// The owner changes a playlist; the household's other members only read a shared one.
function mine() {
  return playlist.owner_id === currentUser()?.id;
}

function render() {
  $('[data-page-title]').textContent = playlist.name;
  const count = playlist.tracks.length;
  const rows = playlist.tracks.map((track, i) => trackRow(track, { index: i,
    extra: rowTools(track, i, count) }));
  replace($('[data-playlist-body]'),
    el('div', { class: 'tc-actions' },
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary', 'data-action': 'play-all',
        disabled: !playlist.tracks.length, text: `Play all (${playlist.tracks.length})` }),
      downloadButton(),
      ...(mine() ? [
        el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-outlined',
          'data-action': 'rename', text: 'Rename' }),
        el('button', { type: 'button', class: 'mui-btn mui-btn-outlined', 'data-action': 'share',
          'data-shared': String(playlist.shared), 'aria-pressed': String(playlist.shared),
          text: playlist.shared ? 'Shared with the family' : 'Share with the family' }),
        el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
          'data-action': 'delete', 'data-adult-only': '', text: 'Delete playlist' })]
        : [el('p', { class: 'tc-note', 'data-shared-by': '', text: 'Shared by your family' })])),
    rows.length ? el('ul', { class: 'mui-table-view' }, ...rows)
      : stateView({ icon: 'list', title: 'This playlist is empty',
        message: 'Add tracks from their detail page.' }));
}

function load(id) {
  return loadInto($('[data-playlist-body]'), () => api.playlist(id, { quiet: true }),
    (value) => { playlist = value; render(); }, "Couldn't load this playlist");
}

// Compare-and-set on the playlist's version: a 409 means it changed elsewhere, so show
// the order it has now and let the user move again.
async function move(id, trackId, step) {
  const order = [...playlist.track_ids];
  const from = order.indexOf(trackId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return;
  [order[from], order[to]] = [order[to], order[from]];
  try {
    await api.reorderPlaylist(id, order, playlist.version);
  } catch (error) {
    mui.toast(error.status === 409 ? 'This playlist changed on another device. Here is its order now.'
      : error.message);
  }
  broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: id });
}

function rename(id) {
  plus.nativeUI.prompt('New name of the playlist', async (e) => {
    if (e.index !== 0 || !e.value.trim() || e.value.trim() === playlist.name) return;
    await api.renamePlaylist(id, e.value.trim());
    broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: id });
  }, 'Rename playlist', playlist.name, ['Rename', 'Cancel']);
}

async function main() {
  const self = await boot();
  const id = self.playlistId;
  onAction(document.body, {
    'play-track': (node) => playFromRow({ '': playlist.tracks }, (list) => toMain(EVENTS.PLAY, list))(node),
    download: () => toMain(EVENTS.DOWNLOAD, { key: downloadKey(), kind: 'playlist',
      name: playlist.name, tracks: playlist.tracks }),
    'remove-download': async () => {
      await removeDownload(downloadKey());
      broadcast(EVENTS.DOWNLOADS_CHANGED, { key: downloadKey() });
    },
    'play-all': () => toMain(EVENTS.PLAY, { tracks: playlist.tracks, index: 0 }),
    'open-track': (node) => openPage('track.html', `track-${node.dataset.trackId}`,
      { trackId: node.dataset.trackId }),
    'move-up': (node) => move(id, node.dataset.trackId, -1),
    'move-down': (node) => move(id, node.dataset.trackId, 1),
    rename: () => rename(id),
    share: async () => {
      await api.sharePlaylist(id, !playlist.shared);
      broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: id });
    },
    remove: async (node) => {
      await api.removeFromPlaylist(id, node.dataset.trackId);
      broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: id });
    },
    delete: () => plus.nativeUI.confirm(`Delete "${playlist.name}"?`, async (e) => {
      if (e.index !== 0) return;
      await api.deletePlaylist(id);
      broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: id });
      mui.back();
    }, 'Delete playlist', ['Delete', 'Cancel']),
    retry: () => load(id),
  });
  on(EVENTS.DOWNLOADS_CHANGED, () => { if (playlist) render(); });
  on(EVENTS.PLAYLIST_CHANGED, ({ playlist_id: changed }) => { if (!changed || changed === id) load(id); });
  await load(id);
  document.body.dataset.ready = 'true';
}

main();
