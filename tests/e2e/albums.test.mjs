// Browsing by album: the Albums grid, an album page with its tracks in order, Play all plays
// them in that order; the artist page, the Genres view, and search grouped by kind.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, opened, openApp, screenshot, webview } from './browser.mjs';

let browser;
let app;
let albums;

async function apiGet(path) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

const player = () => app.page.evaluate(() => {
  const p = window.tapcast.player;
  return { status: p.status, index: p.index, id: p.track?.id, ids: p.queue.map((t) => t.id) };
});

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  albums = (await apiGet('/albums?per_page=100&sort=title')).items;
  assert.ok(albums.length > 1, 'the demo library has albums');
});
after(async () => browser?.close());

test('the Albums view shows a cover grid of every album, by title', async () => {
  const library = webview(app.page, 'pages/library.html');
  await library.locator('[data-action="view"][data-view="albums"]').tap();
  await library.locator('[data-album-grid] [data-album]').nth(albums.length - 1).waitFor();
  assert.deepEqual(await library.locator('[data-album-grid] [data-album-title]').allTextContents(),
    albums.map((a) => a.title));
  const src = await library.locator('[data-album-grid] [data-album] img').first().getAttribute('src');
  assert.ok(src.endsWith(albums[0].thumb_url), src);  // the grid asks for thumbnails
  const cover = library.locator('[data-album-grid] [data-album] img').first();
  await cover.evaluate((img) => img.decode());
  assert.equal(await cover.evaluate((img) => img.naturalWidth), 256);  // sized for the grid
  await screenshot(app.page, 'albums');
});

test('an album page lists its tracks in track order and Play all plays them in order', async () => {
  const album = albums.find((a) => a.track_count > 1);
  const detail = await apiGet(`/albums/${album.id}`);
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-album-grid] [data-album="${album.id}"]`).tap();
  const page = await opened(app.page, `album-${album.id}`);
  await page.locator(`body[data-album-id="${album.id}"] [data-album-tracks] [data-track]`)
    .nth(detail.tracks.length - 1).waitFor();
  assert.equal(await page.locator('[data-album-title]').textContent(), album.title);
  const titles = await page.locator('[data-track-title]').allTextContents();
  assert.deepEqual(titles, detail.tracks.map((t) => t.title));
  const numbers = detail.tracks.map((t) => t.track_number);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'the server sends track order');
  await screenshot(app.page, 'album');

  await page.locator('[data-action="play-all"]').tap();
  await app.page.waitForFunction((first) => window.tapcast.player.track?.id === first
    && window.tapcast.player.status === 'playing'
    && window.tapcast.player.audio.getPosition() > 0.2, detail.tracks[0].id);
  const state = await player();
  assert.deepEqual(state.ids, detail.tracks.map((t) => t.id));
  assert.equal(state.index, 0);
  // The first track ends by itself: the second of the album follows.
  await app.page.evaluate(() => {
    const p = window.tapcast.player;
    p.seek(Math.max(0, p.duration - 0.3));
  });
  await app.page.waitForFunction((second) => window.tapcast.player.track?.id === second
    && window.tapcast.player.status === 'playing', detail.tracks[1].id, { timeout: 15000 });
  assert.equal((await player()).index, 1);
});

test('Shuffle plays every track of the album once', async () => {
  const album = albums.find((a) => a.track_count > 1);
  const detail = await apiGet(`/albums/${album.id}`);
  const page = await opened(app.page, `album-${album.id}`);
  await page.locator('[data-action="shuffle"]').tap();
  await app.page.waitForFunction(() => window.tapcast.player.status === 'playing');
  const state = await player();
  assert.deepEqual([...state.ids].sort(), detail.tracks.map((t) => t.id).sort());
});

test('the album artist opens the artist page with their albums', async () => {
  const album = albums.find((a) => a.track_count > 1);
  const page = await opened(app.page, `album-${album.id}`);
  await page.locator('[data-action="open-artist"]').tap();
  const artist = await opened(app.page, `artist-${album.artist_id}`);
  const expected = await apiGet(`/artists/${album.artist_id}`);
  await artist.locator('[data-artist-albums] [data-album]').nth(expected.albums.length - 1).waitFor();
  assert.equal(await artist.locator('[data-artist-name]').textContent(), expected.name);
  assert.ok(await artist.locator('[data-top-tracks] [data-track]').count() > 0);
  await screenshot(app.page, 'artist');
  await artist.locator('.mui-action-back').tap();
  await page.locator('.mui-action-back').tap();
});

test('a genre narrows the Albums view to its albums', async () => {
  const genres = (await apiGet('/genres')).items;
  const genre = genres[0];
  const expected = (await apiGet(`/albums?genre=${encodeURIComponent(genre.name)}`)).items;
  const library = webview(app.page, 'pages/library.html');
  await library.locator('[data-action="view"][data-view="genres"]').tap();
  await library.locator(`[data-genre="${genre.name}"] [data-action="open-genre"]`).tap();
  await library.locator('[data-album-genre]:not([hidden])').waitFor();
  await library.locator('[data-album-grid] [data-album]').nth(expected.length - 1).waitFor();
  assert.deepEqual(await library.locator('[data-album-grid] [data-album-title]').allTextContents(),
    expected.map((a) => a.title));
  await library.locator('[data-action="clear-genre"]').tap();
  await library.locator('[data-album-grid] [data-album]').nth(albums.length - 1).waitFor();
});

test('search shows albums and artists above the matching tracks', async () => {
  const album = albums[0];
  const word = album.title.split(/\s+/).pop();
  const expected = await apiGet(`/search?q=${encodeURIComponent(word)}&limit=6`);
  const library = webview(app.page, 'pages/library.html');
  await library.locator('[data-search]').fill(word);
  await library.locator(`[data-search-groups][data-query="${word}"]`).waitFor();
  await library.locator('[data-panel="tracks"]:not([hidden])').waitFor();
  assert.deepEqual(await library.locator('[data-found-albums] [data-album-title]').allTextContents(),
    expected.albums.map((a) => a.title));
  await screenshot(app.page, 'search-grouped');
  await library.locator('[data-search]').fill('');
});
