// Downloads: what is kept for offline play, with sizes; tap a track to play its list, remove
// a download to free the space. Reads only plus.storage, so it works without the server.
import { boot } from '../boot.js';
import { broadcast, EVENTS, on, toMain } from '../events.js';
import { formatSize, listDownloads, removeDownload } from '../downloads.js';
import { $, el, onAction, playFromRow, replace, stateView, trackRow } from '../ui.js';

const lists = {};  // download key -> its tracks, for a tap on a row

function section(item) {
  lists[item.key] = item.tracks;
  const count = `${item.tracks.length} ${item.tracks.length === 1 ? 'track' : 'tracks'}`;
  return el('section', { class: 'tc-download', 'data-download': item.key },
    el('div', { class: 'tc-download-head' },
      el('div', { class: 'tc-download-text' },
        el('h2', { class: 'tc-section-title', 'data-download-name': '', text: item.name }),
        el('span', { class: 'tc-note', 'data-download-size': String(item.bytes),
          text: `${count} · ${formatSize(item.bytes)}` })),
      el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
        'data-action': 'remove-download', 'data-key': item.key,
        'aria-label': `Remove the download of ${item.name}`, text: 'Remove' })),
    el('ul', { class: 'mui-table-view' },
      ...item.tracks.map((track, index) => trackRow(track, { index, list: item.key, info: false }))));
}

function render() {
  const items = listDownloads();
  replace($('[data-downloads-body]'), ...(items.length ? items.map(section) : [stateView({
    icon: 'download', title: 'Nothing downloaded yet',
    message: 'Download a playlist or your favorites to play them without the server.' })]));
}

async function main() {
  await boot();
  onAction(document.body, {
    'play-track': playFromRow(lists, (list) => toMain(EVENTS.PLAY, list)),
    'remove-download': async (node) => {
      await removeDownload(node.dataset.key);
      broadcast(EVENTS.DOWNLOADS_CHANGED, { key: node.dataset.key });
    },
  });
  on(EVENTS.DOWNLOADS_CHANGED, render);
  render();
  document.body.dataset.ready = 'true';
}

main();
