// Offline: a downloaded playlist plays with the server stopped. The test runs a server of its
// own (same database and media) so it can stop it: the app shell then comes from the service
// worker's cache, the app says it is offline, and the audio (with seeking, over HTTP Range)
// from the downloads cache. Removing the download frees the cache.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { apiTracks, launch, opened, screenshot, signUp, tapTab, webview } from './browser.mjs';

const PYTHON = process.env.TAPCAST_PYTHON || '.venv/bin/python';
let browser;
let page;
let server;
let url;
let playlist;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'server'], { stdio: 'ignore',
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let i = 0; i < 300; i += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { child, exited, url: `http://127.0.0.1:${port}` };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the offline test server did not start');
}

async function stopServer() {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

const player = () => page.evaluate(() => ({ status: window.tapcast.player.status,
  id: window.tapcast.player.track?.id, position: window.tapcast.player.audio?.getPosition() ?? 0 }));

before(async () => {
  server = await startServer();
  url = server.url;
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await webview(page, 'pages/library.html').locator('body[data-ready="true"]').waitFor();
  await signUp(page);
  const token = await page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const tracks = (await apiTracks({ per_page: 50 })).items.sort((a, b) => b.duration - a.duration);
  const call = (method, path, body) => fetch(`${url}/api/v1${path}`, { method,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
  playlist = await (await call('POST', '/playlists', { name: 'Car trip' })).json();
  const added = await call('POST', `/playlists/${playlist.id}/tracks`,
    { track_ids: tracks.slice(0, 3).map((t) => t.id) });
  assert.ok(added.ok);
  playlist.tracks = tracks.slice(0, 3);
});
after(async () => {
  await browser?.close();
  await stopServer();
});

test('a playlist is downloaded from its page and listed with its size', async () => {
  await tapTab(page, 'music');
  const music = webview(page, 'pages/music.html');
  await music.locator('[data-segment="playlists"]').tap();
  await music.locator(`[data-playlist="${playlist.id}"] [data-action="open-playlist"]`).tap();
  const view = await opened(page, `playlist-${playlist.id}`);
  await view.locator('[data-action="download"]').tap();
  await view.locator('[data-download-state="kept"]').waitFor();
  await view.locator('.mui-action-back').tap();
  await page.locator(`iframe[data-webview="playlist-${playlist.id}"]`).waitFor({ state: 'detached' });
  await music.locator('[data-segment="favorites"]').tap();
  await music.locator('[data-action="open-downloads"]').tap();
  const downloads = await opened(page, 'downloads');
  const item = downloads.locator(`[data-download="playlist:${playlist.id}"]`);
  await item.locator('[data-download-name]', { hasText: 'Car trip' }).waitFor();
  const bytes = Number(await item.locator('[data-download-size]').getAttribute('data-download-size'));
  const audio = await Promise.all(playlist.tracks.map((t) => fetch(`${url}${t.audio_url}`)
    .then((r) => r.arrayBuffer()).then((b) => b.byteLength)));
  assert.ok(bytes >= audio.reduce((a, b) => a + b, 0), `${bytes} bytes kept`);
  assert.match(await item.locator('[data-download-size]').textContent(), /^3 tracks · \d+(\.\d)? (KB|MB)$/);
  await downloads.locator('.mui-action-back').tap();
  await page.locator('iframe[data-webview="downloads"]').waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active)));
});

test('with the server stopped the app opens, says it is offline, and plays the download', async () => {
  await stopServer();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('[data-offline]:not([hidden])', { hasText: 'Offline' }).waitFor();
  await page.locator('[data-offline] [data-action="open-downloads"]').tap();
  const downloads = await opened(page, 'downloads');
  const item = downloads.locator(`[data-download="playlist:${playlist.id}"]`);
  await item.locator(`[data-track="${playlist.tracks[0].id}"] [data-action="play-track"]`).tap();
  await page.waitForFunction(() => window.tapcast.player.status === 'playing'
    && window.tapcast.player.audio.getPosition() > 0.5);
  assert.equal((await player()).id, playlist.tracks[0].id);
  // Seeking asks the cache for a byte range.
  const target = Math.round(playlist.tracks[0].duration * 0.6 * 10) / 10;
  await page.evaluate((t) => window.tapcast.player.seek(t), target);
  await page.waitForFunction((t) => window.tapcast.player.audio.getPosition() > t + 0.3, target);
  await page.waitForFunction((id) => window.tapcast.player.track?.id === id
    && window.tapcast.player.audio.getPosition() > 0.3, playlist.tracks[1].id);
  await screenshot(page, 'offline-playing');
  await page.evaluate(() => window.tapcast.player.pause());  // the downloads page covers the mini-player
});

test('removing the download frees its files', async () => {
  const downloads = await opened(page, 'downloads');
  await downloads.locator(`[data-download="playlist:${playlist.id}"] [data-action="remove-download"]`).tap();
  await downloads.locator('[data-state="download"]').waitFor();
  const left = await page.evaluate(async () => (await (await caches.open('tapcast-media-v1')).keys()).length);
  assert.equal(left, 0);
  assert.equal(await page.evaluate(() => plus.storage.getItem('tapcast.downloads')), '[]');
});
