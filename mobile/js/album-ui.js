// DOM pieces for albums and artists shared by the pages: a grid tile, an artist row.
import { absoluteUrl } from './api.js';
import { albumLine, artistLine } from './albums.js';
import { el } from './ui.js';

// The album's grid thumbnail (256 px, two or three to a phone's row), or the empty cover.
export function albumCover(album, className = 'tc-album-cover', size = 'thumb') {
  const img = el('img', { class: className, alt: '', loading: 'lazy', 'data-cover': '' });
  const url = size === 'thumb' ? album.thumb_url : album.cover_url;
  img.onerror = () => { img.removeAttribute('src'); img.classList.add('tc-cover-empty'); };
  if (url) img.src = absoluteUrl(url);
  else img.classList.add('tc-cover-empty');
  return img;
}

export function albumTile(album) {
  return el('button', { type: 'button', class: 'tc-album-tile', 'data-action': 'open-album',
    'data-album': album.id, 'aria-label': `${album.title}, ${album.artist || 'unknown artist'}` },
  albumCover(album),
  el('span', { class: 'tc-album-title', 'data-album-title': '', text: album.title }),
  el('span', { class: 'tc-album-artist', text: album.artist || '' }));
}

export function albumGrid(albums, hook = 'data-album-grid') {
  return el('div', { class: 'tc-album-grid', [hook]: '' }, ...albums.map(albumTile));
}

export function artistRow(artist) {
  return el('li', { class: 'mui-table-view-cell mui-media', 'data-artist': artist.id },
    el('button', { type: 'button', class: 'tc-row-link', 'data-action': 'open-artist',
      'data-artist-id': artist.id },
    albumCover(artist, 'mui-media-object mui-pull-left tc-cover tc-artist-cover'),
    el('span', { class: 'mui-media-body' },
      el('span', { class: 'tc-title', 'data-artist-name': '', text: artist.name }),
      el('span', { class: 'mui-ellipsis', text: artistLine(artist) }))));
}

export function sectionTitle(text) {
  return el('h2', { class: 'tc-section-title', text });
}

export { albumLine };
