// The Library tab's Albums, Artists and Genres views, and search results grouped by kind.
import { api } from '../api.js';
import { albumGrid, albumTile, artistRow, sectionTitle } from '../album-ui.js';
import { openPage } from '../boot.js';
import { withRetry } from '../retry.js';
import { $, $$, el, replace, retryView, skeleton, stateView } from '../ui.js';

const ALBUMS_PER_PAGE = 24;  // a few screens of a three-column grid
const ARTISTS_PER_PAGE = 30;
const SEARCH_LIMIT = 6;
const albums = { sort: 'title', genre: '', page: 0, total: Infinity, seed: null, generation: 0,
  loading: null };  // the generation whose page is on its way (one load at a time)
const artists = { page: 0, total: Infinity, loading: false };
let searchGeneration = 0;

export function showView(name) {
  $$('[data-view]').forEach((tab) => {
    const active = tab.dataset.view === name;
    tab.classList.toggle('tc-view-active', active);
    tab.setAttribute('aria-selected', String(active));
  });
  $$('[data-panel]').forEach((panel) => { panel.hidden = panel.dataset.panel !== name; });
  document.body.dataset.view = name;
  if (name === 'albums' && albums.page === 0) loadAlbums();
  if (name === 'artists' && artists.page === 0) loadArtists();
  if (name === 'genres') loadGenres();
}

// A page of a list into `container`, its state into `stateBox` (a skeleton, then errors).
async function loadPage(stateBox, load, isCurrent = () => true) {
  replace(stateBox, skeleton(2));
  try {
    const page = await withRetry(load, { isCurrent, onError: (error, delay) =>
      replace(stateBox, retryView("Couldn't load the library", error, delay)) });
    replace(stateBox);
    return page;
  } catch (error) {
    if (isCurrent()) {
      replace(stateBox, stateView({ icon: 'info', title: "Couldn't load the library",
        message: error.message, button: 'Try again', action: 'retry' }));
    }
    return null;
  }
}

export function resetAlbums() {
  Object.assign(albums, { page: 0, total: Infinity, seed: null });
  albums.generation += 1;
  replace($('[data-album-grid]'));
  const chip = $('[data-album-genre]');
  chip.hidden = !albums.genre;
  chip.textContent = albums.genre ? `${albums.genre} ✕` : '';
  loadAlbums();
}

async function loadAlbums() {
  if (albums.page * ALBUMS_PER_PAGE >= albums.total || albums.loading === albums.generation) return;
  const generation = albums.generation;
  const isCurrent = () => generation === albums.generation;
  albums.loading = generation;
  const page = await loadPage($('[data-albums-state]'), () => api.albums({
    page: albums.page + 1, per_page: ALBUMS_PER_PAGE, sort: albums.sort, genre: albums.genre,
    seed: albums.seed }, { quiet: true }), isCurrent);
  if (isCurrent()) albums.loading = null;
  if (!page || !isCurrent()) return;
  albums.page += 1;
  albums.total = page.total;
  albums.seed = page.seed ?? null;  // later pages of a random order keep its shuffle
  $('[data-album-grid]').append(...page.items.map(albumTile));
  $('[data-more-albums]').hidden = albums.page * ALBUMS_PER_PAGE >= albums.total;
  if (page.total === 0) {
    replace($('[data-albums-state]'), stateView({ icon: 'info', title: 'No albums',
      message: 'Albums appear when tracks carry album tags.' }));
  }
}

async function loadArtists() {
  if (artists.page * ARTISTS_PER_PAGE >= artists.total || artists.loading) return;
  artists.loading = true;
  const page = await loadPage($('[data-artists-state]'), () => api.artists({
    page: artists.page + 1, per_page: ARTISTS_PER_PAGE }, { quiet: true }));
  artists.loading = false;
  if (!page) return;
  artists.page += 1;
  artists.total = page.total;
  $('[data-artist-list]').append(...page.items.map(artistRow));
  $('[data-more-artists]').hidden = artists.page * ARTISTS_PER_PAGE >= artists.total;
}

async function loadGenres() {
  const page = await loadPage($('[data-genres-state]'), () => api.genres({ quiet: true }));
  if (!page) return;
  replace($('[data-genre-list]'), ...page.items.map((genre) => el('li',
    { class: 'mui-table-view-cell', 'data-genre': genre.name },
    el('button', { type: 'button', class: 'tc-row-link', 'data-action': 'open-genre',
      'data-genre-name': genre.name },
    el('span', { class: 'tc-title', text: genre.name }),
    el('span', { class: 'mui-badge', text: String(genre.album_count || genre.track_count) })))));
  if (!page.items.length) {
    replace($('[data-genres-state]'), stateView({ icon: 'info', title: 'No genres',
      message: 'Genres come from the tracks\' tags.' }));
  }
}

// Albums and artists matching the search, above the matching tracks.
export async function searchGroups(q) {
  searchGeneration += 1;
  const generation = searchGeneration;
  const box = $('[data-search-groups]');
  if (!q) { replace(box); return; }
  let found;
  try {
    found = await api.search({ q, limit: SEARCH_LIMIT }, { quiet: true });
  } catch {
    found = { albums: [], artists: [] };  // the track list below says what went wrong
  }
  if (generation !== searchGeneration) return;
  box.dataset.query = q;
  replace(box,
    found.albums.length ? sectionTitle('Albums') : null,
    found.albums.length ? albumGrid(found.albums, 'data-found-albums') : null,
    found.artists.length ? sectionTitle('Artists') : null,
    found.artists.length ? el('ul', { class: 'mui-table-view', 'data-found-artists': '' },
      ...found.artists.map(artistRow)) : null,
    found.albums.length || found.artists.length ? sectionTitle('Tracks') : null);
}

// Handlers for the page's onAction.
export const browseActions = {
  view: (node) => showView(node.dataset.view),
  'open-album': (node) => openPage('album.html', `album-${node.dataset.album}`,
    { albumId: node.dataset.album }),
  'open-artist': (node) => openPage('artist.html', `artist-${node.dataset.artistId}`,
    { artistId: node.dataset.artistId }),
  'open-genre': (node) => { albums.genre = node.dataset.genreName; resetAlbums(); showView('albums'); },
  'clear-genre': () => { albums.genre = ''; resetAlbums(); },
  'more-albums': () => loadAlbums(),
  'more-artists': () => loadArtists(),
};

export function initBrowse() {
  $('[data-album-sort]').addEventListener('change', (event) => {
    albums.sort = event.target.value;
    resetAlbums();
  });
}

// Everything loaded again (another server, another account).
export function reloadBrowse() {
  artists.page = 0;
  artists.total = Infinity;
  replace($('[data-artist-list]'));
  Object.assign(albums, { page: 0, total: Infinity, seed: null });
  albums.generation += 1;
  replace($('[data-album-grid]'));
  const view = document.body.dataset.view;
  if (view && view !== 'tracks') showView(view);
}
