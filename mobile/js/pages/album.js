// One album: its cover, play all and shuffle, its tracks by disc.
import { api } from '../api.js';
import { albumCover } from '../album-ui.js';
import { albumLine, byDisc, shuffled } from '../albums.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { $, $$, el, loadInto, onAction, playFromRow, replace, trackRow } from '../ui.js';

let album = null;
let playingId = null;

function discList(group, offset, many) {
  const rows = group.tracks.map((track, i) => trackRow(track, { index: offset + i }));
  return [many ? el('h2', { class: 'tc-section-title', 'data-disc': group.disc,
    text: `Disc ${group.disc}` }) : null,
  el('ul', { class: 'mui-table-view', 'data-album-tracks': '' }, ...rows)];
}

function render() {
  $('[data-page-title]').textContent = album.title;
  const groups = byDisc(album.tracks);
  let offset = 0;
  const lists = groups.flatMap((group) => {
    const part = discList(group, offset, groups.length > 1);
    offset += group.tracks.length;
    return part;
  });
  const artist = album.artist_id
    ? el('button', { type: 'button', class: 'tc-link', 'data-action': 'open-artist',
      'data-artist-id': album.artist_id, text: album.artist })
    : el('span', { text: album.artist || '' });
  replace($('[data-album-body]'),
    el('div', { class: 'tc-hero' }, albumCover(album, 'tc-cover', 'full'),
      el('h2', { 'data-album-title': '', text: album.title }), artist,
      el('p', { class: 'tc-note', 'data-album-line': '', text: albumLine(album) })),
    el('div', { class: 'tc-actions' },
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary', 'data-action': 'play-all',
        disabled: !album.tracks.length, text: 'Play all' }),
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-outlined',
        'data-action': 'shuffle', disabled: !album.tracks.length, text: 'Shuffle' })),
    ...lists);
  markPlaying();
}

function markPlaying() {
  $$('[data-track]').forEach((li) => li.classList.toggle('tc-playing', li.dataset.track === playingId));
}

function load(id) {
  return loadInto($('[data-album-body]'), () => api.album(id, { quiet: true }),
    (value) => { album = value; render(); }, "Couldn't load this album");
}

async function main() {
  const self = await boot();
  const id = self.albumId;
  document.body.dataset.albumId = id;
  onAction(document.body, {
    'play-track': (node) => playFromRow({ '': album.tracks }, (list) => toMain(EVENTS.PLAY, list))(node),
    'play-all': () => toMain(EVENTS.PLAY, { tracks: album.tracks, index: 0 }),
    shuffle: () => toMain(EVENTS.PLAY, { tracks: shuffled(album.tracks), index: 0 }),
    'open-track': (node) => openPage('track.html', `track-${node.dataset.trackId}`,
      { trackId: node.dataset.trackId }),
    'open-artist': (node) => openPage('artist.html', `artist-${node.dataset.artistId}`,
      { artistId: node.dataset.artistId }),
    retry: () => load(id),
  });
  on(EVENTS.PLAYER_STATE, ({ track }) => { playingId = track?.id || null; markPlaying(); });
  await load(id);
  document.body.dataset.ready = 'true';
}

main();
