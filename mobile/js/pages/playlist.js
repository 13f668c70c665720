// One playlist: play it, open or remove its tracks, delete it.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { broadcast, EVENTS, on, toMain } from '../events.js';
import { findDownload, removeDownload } from '../downloads.js';
import { $, el, loadInto, onAction, playFromRow, replace, stateView, trackRow } from '../ui.js';

let playlist = null;

const downloadKey = () => `playlist:${playlist.id}`;

function downloadButton() {
  const kept = findDownload(downloadKey());
  return el('button', { type: 'button', class: 'mui-btn mui-btn-outlined', 'data-download-state':
    kept ? 'kept' : 'none', 'data-action': kept ? 'remove-download' : 'download',
  disabled: !playlist.tracks.length, text: kept ? 'Downloaded ✓ Remove' : 'Download' });
}

function render() {
  $('[data-page-title]').textContent = playlist.name;
  const rows = playlist.tracks.map((track, i) => trackRow(track, { index: i,
    extra: el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
      'data-action': 'remove', 'data-track-id': track.id, text: 'Remove' }) }));
  replace($('[data-playlist-body]'),
    el('div', { class: 'tc-actions' },
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary', 'data-action': 'play-all',
        disabled: !playlist.tracks.length, text: `Play all (${playlist.tracks.length})` }),
      downloadButton(),
      el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
        'data-action': 'delete', text: 'Delete playlist' })),
    rows.length ? el('ul', { class: 'mui-table-view' }, ...rows)
      : stateView({ icon: 'list', title: 'This playlist is empty',
        message: 'Add tracks from their detail page.' }));
}

function load(id) {
  return loadInto($('[data-playlist-body]'), () => api.playlist(id, { quiet: true }),
    (value) => { playlist = value; render(); }, "Couldn't load this playlist");
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
