// Playing like a music app: a row tap plays and queues its list, the queue page edits it,
// repeat and shuffle, the sleep timer fades and pauses, the lock screen's media session, the
// detail page's Play that pauses, and the queue and position back after the app reopens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, launch, opened, openApp, screenshot, webview } from './browser.mjs';

let browser;
let app;
let tracks;

const player = () => app.page.evaluate(() => {
  const p = window.tapcast.player;
  return { status: p.status, index: p.index, id: p.track?.id, ids: p.queue.map((t) => t.id),
    repeat: p.list.repeat, shuffle: p.list.shuffle, volume: p.volume,
    position: p.audio ? p.audio.getPosition() : p.position, paused: p.audio ? p.audio.isPaused() : true };
});
const waitFor = (fn, arg) => app.page.waitForFunction(fn, arg);
const nearEnd = () => app.page.evaluate(() => {
  const p = window.tapcast.player;
  p.seek(Math.max(0, p.duration - 0.4));
});

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  tracks = (await apiTracks({ per_page: 50, sort: 'title' })).items;
});
after(async () => browser?.close());

test('tapping a row in the library plays it at once and queues the whole list', async () => {
  const library = webview(app.page, 'pages/library.html');
  // The whole list is loaded (page after page as its end comes near), so all of it queues.
  await library.locator('[data-list-end]').scrollIntoViewIfNeeded();
  await library.locator('[data-list-end]', { hasText: `${tracks.length} tracks` }).waitFor();
  await library.locator(`[data-track="${tracks[2].id}"] [data-action="play-track"]`).tap();
  await waitFor(() => window.tapcast.player.status === 'playing'
    && window.tapcast.player.audio.getPosition() > 0.2);
  const state = await player();
  assert.equal(state.id, tracks[2].id);
  assert.equal(state.index, 2);
  assert.deepEqual(state.ids, tracks.map((t) => t.id));
  await app.page.locator('[data-mini-title]', { hasText: tracks[2].title }).waitFor();
  assert.equal(await app.page.locator('[data-mini-toggle]').getAttribute('aria-label'), 'Pause');
});

test('the media session shows the track, its artwork and the playing state', async () => {
  const session = await app.page.evaluate(() => ({
    title: navigator.mediaSession.metadata?.title, artist: navigator.mediaSession.metadata?.artist,
    artwork: navigator.mediaSession.metadata?.artwork.map((a) => a.src),
    state: navigator.mediaSession.playbackState }));
  assert.equal(session.title, tracks[2].title);
  assert.equal(session.artist, tracks[2].artist || '');
  assert.ok(session.artwork[0]?.endsWith(tracks[2].cover_url), session.artwork.join());
  assert.equal(session.state, 'playing');
});

test('the queue page plays next, moves and removes, and the player follows', async () => {
  await app.page.locator('[data-mini-player] [data-action="open-player"]').tap();
  const page = await opened(app.page, 'player');
  assert.equal(await page.locator('[data-action="play-here"]').isHidden(), true, 'nothing to take back');
  await page.locator('[data-action="open-queue"]').tap();
  const queue = await opened(app.page, 'queue');
  const titles = () => queue.locator('[data-queue] [data-track-title]').allTextContents();
  await queue.locator('[data-queue] [data-track]').nth(tracks.length - 1).waitFor();
  assert.deepEqual(await titles(), tracks.map((t) => t.title));
  const last = tracks.length - 1;
  await queue.locator(`[data-queue-index="${last}"] [data-action="play-next"]`).tap();
  await queue.locator('[data-queue-index="3"] [data-track-title]', { hasText: tracks[last].title }).waitFor();
  assert.equal((await player()).ids[3], tracks[last].id);
  await queue.locator('[data-queue-index="3"] [data-action="down"]').tap();
  await queue.locator('[data-queue-index="4"] [data-track-title]', { hasText: tracks[last].title }).waitFor();
  await queue.locator('[data-queue-index="4"] [data-action="remove"]').tap();
  // The last row goes when the removal is drawn (row length - 2 was there all along).
  await queue.locator('[data-queue] [data-track]').nth(tracks.length - 1).waitFor({ state: 'detached' });
  assert.equal(await queue.locator('[data-queue] [data-track]').count(), tracks.length - 1);
  const state = await player();
  assert.ok(!state.ids.includes(tracks[last].id));
  assert.equal(state.id, tracks[2].id, 'the current track played on');
  assert.equal(await queue.locator('[data-queue-index="2"]').getAttribute('class').then((c) => c.includes('tc-playing')), true);
  await queue.locator('[data-queue-index="0"] [data-action="jump"]').tap();
  await waitFor((id) => window.tapcast.player.track?.id === id, tracks[0].id);
  await screenshot(app.page, 'queue');
  await queue.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview="queue"]').waitFor({ state: 'detached' });
});

test('repeat one plays the track again when it ends; repeat all wraps to the start', async () => {
  const page = await opened(app.page, 'player');
  const repeat = page.locator('[data-action="repeat"]');
  await repeat.tap();
  await page.locator('[data-action="repeat"][data-repeat="all"]').waitFor();
  await repeat.tap();
  await page.locator('[data-action="repeat"][data-repeat="one"]').waitFor();
  assert.equal(await repeat.getAttribute('aria-label'), 'Repeat: one');
  const { id } = await player();
  await waitFor(() => window.tapcast.player.status === 'playing');
  await nearEnd();
  await waitFor(() => window.tapcast.player.duration - window.tapcast.player.position < 0.5);
  await waitFor((track) => window.tapcast.player.track?.id === track
    && window.tapcast.player.status === 'playing' && window.tapcast.player.audio.getPosition() > 0.1
    && window.tapcast.player.audio.getPosition() < 2, id);
  await repeat.tap();
  await page.locator('[data-action="repeat"][data-repeat="off"]').waitFor();
  await repeat.tap();
  await page.locator('[data-action="repeat"][data-repeat="all"]').waitFor();
  const last = (await player()).ids.length - 1;
  await app.page.evaluate((i) => window.tapcast.player.jump(i), last);
  await waitFor(() => window.tapcast.player.status === 'playing');
  await nearEnd();
  await waitFor(() => window.tapcast.player.index === 0 && window.tapcast.player.status === 'playing');
  assert.equal((await player()).repeat, 'all');
});

test('shuffle keeps the track playing first and mixes the rest; off restores the list', async () => {
  const page = await opened(app.page, 'player');
  const before = await player();
  await page.locator('[data-action="shuffle"]').tap();
  await page.locator('[data-action="shuffle"][aria-pressed="true"]').waitFor();
  const mixed = await player();
  assert.equal(mixed.index, 0);
  assert.equal(mixed.id, before.id);
  assert.deepEqual([...mixed.ids].sort(), [...before.ids].sort());
  assert.notDeepEqual(mixed.ids, before.ids);
  await page.locator('[data-action="shuffle"]').tap();
  await page.locator('[data-action="shuffle"][aria-pressed="false"]').waitFor();
  const again = await player();
  assert.deepEqual(again.ids, before.ids);
  assert.equal(again.ids[again.index], mixed.id);
});

test('the sleep timer fades the sound out and pauses at the end', async () => {
  const page = await opened(app.page, 'player');
  await page.locator('[data-action="repeat"]').tap();  // all -> one: the track keeps playing
  await page.locator('[data-action="repeat"][data-repeat="one"]').waitFor();
  await waitFor(() => window.tapcast.player.status === 'playing');
  await page.locator('[data-action="sleep"]').tap();
  await app.page.locator('[data-host-dialog] [data-host-button]', { hasText: 'Other…' }).tap();
  await app.page.locator('[data-host-dialog] [data-host-input]').fill('0.1');  // six seconds
  await app.page.locator('[data-host-dialog] [data-host-button="0"]').tap();
  await page.locator('[data-action="sleep"][data-sleep="minutes"]', { hasText: /Sleep in 0:0\d/ }).waitFor();
  await waitFor(() => window.tapcast.player.volume < 0.9 && window.tapcast.player.status === 'playing');
  const fading = await app.page.evaluate(() => window.tapcast.player.audio.getStyles('volume'));
  assert.ok(fading < 0.9, `the audio itself is quieter: ${fading}`);
  await waitFor(() => window.tapcast.player.status === 'paused');
  const state = await player();
  assert.equal(state.paused, true);
  await page.locator('[data-action="sleep"][data-sleep="off"]').waitFor();
  assert.equal(state.volume, 1, 'the volume is back for the next play');
  await screenshot(app.page, 'player-sleep');
});

test("the detail page's Play pauses and resumes the current track instead of restarting it", async () => {
  const page = await opened(app.page, 'player');
  await page.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview="player"]').waitFor({ state: 'detached' });
  const { id } = await player();
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-track="${id}"] [data-action="open-track"]`).tap();
  const detail = await opened(app.page, `track-${id}`);
  await detail.locator('[data-action="play"]', { hasText: 'Resume' }).tap();
  await waitFor(() => window.tapcast.player.status === 'playing');
  await detail.locator('[data-action="play"][data-play-state="playing"]', { hasText: 'Pause' }).waitFor();
  const at = (await player()).position;
  await detail.locator('[data-action="play"]').tap();
  await waitFor(() => window.tapcast.player.status === 'paused');
  assert.ok((await player()).position >= at, 'paused where it was, not restarted');
  await detail.locator('.mui-action-back').tap();
});

test('the last queue and position come back, paused, when the app reopens', async () => {
  const before = await player();
  await app.page.reload();
  await app.page.waitForSelector('body[data-ready="true"]');
  await app.page.locator('[data-mini-player][data-status="paused"]').waitFor();
  const after = await player();
  assert.deepEqual(after.ids, before.ids);
  assert.equal(after.id, before.id);
  assert.equal(after.repeat, before.repeat);
  assert.ok(Math.abs(after.position - before.position) < 0.6, `${after.position} vs ${before.position}`);
  assert.equal(await app.page.evaluate(() => window.tapcast.player.audio), null, 'nothing sounds by itself');
  await app.page.locator('[data-mini-toggle]').tap();
  await waitFor(() => window.tapcast.player.status === 'playing');
  const resumed = await app.page.evaluate(() => window.tapcast.player.audio.getPosition());
  assert.ok(resumed >= before.position - 0.6, `resumed at ${resumed}, left at ${before.position}`);
  await app.page.locator('[data-mini-toggle]').tap();
  assert.deepEqual(app.errors, []);
});
