// One artist: their albums as a grid, the albums they appear on, their top tracks.
import { api } from '../api.js';
import { albumCover, albumGrid, sectionTitle } from '../album-ui.js';
import { artistLine } from '../albums.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, toMain } from '../events.js';
import { $, el, loadInto, onAction, playFromRow, replace, stateView, trackRow } from '../ui.js';

let artist = null;

function render() {
  $('[data-page-title]').textContent = artist.name;
  const top = artist.top_tracks.map((track, i) => trackRow(track, { index: i }));
  replace($('[data-artist-body]'),
    el('div', { class: 'tc-hero' }, albumCover(artist, 'tc-cover', 'full'),
      el('h2', { 'data-artist-name': '', text: artist.name }),
      el('p', { class: 'tc-note', text: artistLine(artist) })),
    artist.albums.length ? sectionTitle('Albums') : null,
    artist.albums.length ? albumGrid(artist.albums, 'data-artist-albums') : null,
    artist.appears_on.length ? sectionTitle('Appears on') : null,
    artist.appears_on.length ? albumGrid(artist.appears_on, 'data-appears-on') : null,
    top.length ? sectionTitle('Top tracks') : null,
    top.length ? el('ul', { class: 'mui-table-view', 'data-top-tracks': '' }, ...top) : null,
    !artist.albums.length && !top.length
      ? stateView({ icon: 'info', title: 'Nothing here yet', message: 'No tracks by this artist.' })
      : null);
}

function load(id) {
  return loadInto($('[data-artist-body]'), () => api.artist(id, { quiet: true }),
    (value) => { artist = value; render(); }, "Couldn't load this artist");
}

async function main() {
  const self = await boot();
  const id = self.artistId;
  document.body.dataset.artistId = id;
  onAction(document.body, {
    'play-track': (node) => playFromRow({ '': artist.top_tracks }, (list) => toMain(EVENTS.PLAY, list))(node),
    'open-track': (node) => openPage('track.html', `track-${node.dataset.trackId}`,
      { trackId: node.dataset.trackId }),
    'open-album': (node) => openPage('album.html', `album-${node.dataset.album}`,
      { albumId: node.dataset.album }),
    retry: () => load(id),
  });
  await load(id);
  document.body.dataset.ready = 'true';
}

main();
