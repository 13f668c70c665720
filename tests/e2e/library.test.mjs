// Library to ear: search, open a track through openWindow, play, seek, pause, favorite.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, launch, opened, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

let browser;
let app;
let track;

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  const page = await apiTracks({ per_page: 50, sort: 'title' });
  assert.ok(page.total > 0, 'the demo library is seeded');
  // The longest demo track leaves the most room between play, pause and seek.
  track = page.items.reduce((a, b) => (b.duration > a.duration ? b : a));
});
after(async () => browser?.close());

const mainState = () => app.page.evaluate(() => ({ ...window.tapcast.player.snapshot(), queue: undefined }));

test('the library lists the demo tracks with covers and categories', async () => {
  const library = webview(app.page, 'pages/library.html');
  await library.locator('[data-track]').first().waitFor();
  await library.locator('[data-category]').nth(1).waitFor();
  await screenshot(app.page, 'library');
});

test('the list loads page after page as its end comes near', async () => {
  const library = webview(app.page, 'pages/library.html');
  const { total } = await apiTracks();
  await library.locator('[data-list-end]').scrollIntoViewIfNeeded();
  await library.locator('[data-list-end]', { hasText: `${total} tracks` }).waitFor();
  assert.equal(await library.locator('[data-track]').count(), total);
  const pages = await app.page.frame({ name: 'pages/library.html' }).evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name))
      .filter((url) => url.pathname === '/api/v1/tracks')
      .map((url) => Number(url.searchParams.get('page'))));
  assert.ok(pages.includes(2), `more than one page was requested: ${pages}`);
});

test('search narrows the list to matching tracks', async () => {
  const library = webview(app.page, 'pages/library.html');
  const word = track.title.split(/\s+/).find((w) => w.length >= 4) || track.title;
  const expected = await apiTracks({ q: word, sort: 'title', per_page: 100 });
  await library.locator('[data-search]').fill(word);
  await library.locator(`[data-track-list][data-query="${word}"] [data-track="${track.id}"]`).waitFor();
  const titles = await library.locator('[data-track-title]').allTextContents();
  assert.deepEqual(titles, expected.items.map((t) => t.title));
  assert.ok(titles.length < (await apiTracks()).total, 'the search narrowed the list');
  await screenshot(app.page, 'library-search');
});

test('tapping a track opens its detail page with the track id as extras', async () => {
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-track="${track.id}"] [data-action="open-track"]`).tap();
  const detail = await opened(app.page, `track-${track.id}`);
  await detail.locator(`body[data-track-id="${track.id}"]`).waitFor();
  assert.equal(await detail.locator('[data-detail-title]').textContent(), track.title);
  const extras = await app.page.frame({ name: `track-${track.id}` })
    .evaluate(() => plus.webview.currentWebview().trackId);
  assert.equal(extras, track.id);
  await screenshot(app.page, 'track');
});

test('play from the detail page: the main webview plays it and the position moves', async () => {
  const detail = await opened(app.page, `track-${track.id}`);
  await detail.locator('[data-action="play"]').tap();
  await app.page.waitForFunction(() => window.tapcast.player.audio?.getPosition() > 0.3);
  assert.equal((await mainState()).track.id, track.id);
  assert.equal((await mainState()).status, 'playing');
  await detail.locator('.mui-action-back').tap();
  await app.page.locator('[data-mini-player]:not([hidden])').waitFor();
  assert.equal(await app.page.locator('[data-mini-title]').textContent(), track.title);
  // The demo tracks are a few seconds long: pause before it ends, then seek while paused.
  await app.page.locator('[data-mini-toggle]').tap();
  await app.page.locator('[data-mini-player][data-status="paused"]').waitFor();
  assert.equal(await app.page.evaluate(() => window.tapcast.player.audio.isPaused()), true);
});

test('the full player seeks, resumes and pauses', async () => {
  await app.page.locator('[data-mini-player] [data-action="open-player"]').tap();
  const player = await opened(app.page, 'player');
  await player.locator('body[data-status="paused"] [data-seek]').waitFor();
  const target = Math.round(track.duration * 0.4 * 10) / 10;
  await player.locator('[data-seek]').fill(String(target));
  // The audio itself moved, not only the number the player keeps.
  await app.page.waitForFunction((t) => Math.abs(window.tapcast.player.audio.getPosition() - t) < 0.05,
    target);
  await player.locator('[data-position]').filter({ hasText: formatTime(target) }).waitFor();
  await player.locator('[data-action="toggle"]').tap();
  await app.page.waitForFunction((t) => window.tapcast.player.audio.getPosition() > t + 0.3, target);
  await player.locator('[data-action="toggle"]').tap();
  await player.locator('body[data-status="paused"]').waitFor();
  const paused = await app.page.evaluate(() => window.tapcast.player.audio.getPosition());
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await app.page.evaluate(() => window.tapcast.player.audio.getPosition()), paused,
    'a paused player stays put');
  await screenshot(app.page, 'player');
  await player.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview="player"]').waitFor({ state: 'detached' });
});

function formatTime(seconds) {
  return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

test('a favorite toggled on the detail page appears in My music through mui.fire', async () => {
  await signUp(app.page);
  await tapTab(app.page, 'library');
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-track="${track.id}"] [data-action="open-track"]`).tap();
  const detail = await opened(app.page, `track-${track.id}`);
  await detail.locator('[data-action="favorite"][data-favorite="false"]').tap();
  await detail.locator('[data-action="favorite"][data-favorite="true"]').waitFor();
  await detail.locator('.mui-action-back').tap();
  await tapTab(app.page, 'music');
  const music = webview(app.page, 'pages/music.html');
  await music.locator(`[data-favorites] [data-track="${track.id}"]`).waitFor();
  await screenshot(app.page, 'music');
});

test('history remembers where playback stopped and "continue" resumes there', async () => {
  const music = webview(app.page, 'pages/music.html');
  await app.page.locator('[data-mini-toggle]').tap();  // play again, now signed in
  await app.page.waitForFunction(() => window.tapcast.player.status === 'playing');
  await app.page.waitForFunction(() => window.tapcast.player.audio.getPosition() > 1.5);
  await app.page.locator('[data-mini-toggle]').tap();
  await app.page.locator('[data-mini-player][data-status="paused"]').waitFor();
  const stopped = await app.page.evaluate(() => window.tapcast.player.position);
  await music.locator('[data-segment="history"]').tap();
  const button = music.locator(`[data-history] [data-track="${track.id}"] [data-action="continue"]`);
  await button.filter({ hasText: /^Continue \d+:\d\d$/ }).waitFor();
  await screenshot(app.page, 'music-history');
  await button.tap();
  await app.page.waitForFunction(() => window.tapcast.player.status === 'playing');
  const resumedAt = await app.page.evaluate(() => new Promise((resolve) => {
    const sample = () => {
      const position = window.tapcast.player.audio.getPosition();
      if (position > 0) resolve(position); else setTimeout(sample, 20);
    };
    sample();
  }));
  assert.ok(resumedAt >= stopped - 0.5, `resumed at ${resumedAt}, stopped at ${stopped}`);
  await app.page.locator('[data-mini-toggle]').tap();
});

test('add to a new playlist from the detail page, then play the playlist', async () => {
  await tapTab(app.page, 'library');
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-track="${track.id}"] [data-action="open-track"]`).tap();
  const detail = await opened(app.page, `track-${track.id}`);
  await detail.locator('[data-action="add-to-playlist"]').tap();
  await app.page.locator('[data-host-dialog] [data-host-button]', { hasText: 'New playlist…' }).tap();
  await app.page.locator('[data-host-dialog] [data-host-input]').fill('Bedtime');
  await app.page.locator('[data-host-dialog] [data-host-button="0"]').tap();
  await app.page.locator('[data-host-toast]', { hasText: 'Added to Bedtime' }).waitFor();
  await detail.locator('.mui-action-back').tap();
  await tapTab(app.page, 'music');
  const music = webview(app.page, 'pages/music.html');
  await music.locator('[data-segment="playlists"]').tap();
  const row = music.locator('[data-playlists] [data-playlist]', { hasText: 'Bedtime' });
  await row.locator('.mui-badge', { hasText: '1' }).waitFor();
  await row.locator('[data-action="open-playlist"]').tap();
  const playlistId = await row.getAttribute('data-playlist');
  const playlist = await opened(app.page, `playlist-${playlistId}`);
  await playlist.locator(`[data-track="${track.id}"]`).waitFor();
  await playlist.locator('[data-action="play-all"]').tap();
  await app.page.waitForFunction((id) => window.tapcast.player.track?.id === id
    && window.tapcast.player.status === 'playing', track.id);
  await screenshot(app.page, 'playlist');
  await playlist.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview^="playlist-"]').waitFor({ state: 'detached' });
  await app.page.locator('[data-mini-toggle]').tap();
  assert.deepEqual(app.errors, []);
});
