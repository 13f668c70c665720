// After an outage every page recovers by itself: the server is stopped and started again
// inside the test, and nobody taps "Try again".
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

const PYTHON = process.env.TAPCAST_PYTHON || '.venv/bin/python';
let browser;
let server;

before(async () => { browser = await launch(); });
after(async () => { server?.child.kill(); await browser?.close(); });

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// A real server on the e2e database, on a port of its own that it can be restarted on.
async function startServer(port) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(PYTHON, ['-m', 'server'], { stdio: 'ignore',
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CORS_ORIGINS: BASE_URL } });
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, port, child };
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the test server did not start');
}

async function stopServer() {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill();
  await exited;
}

// Counts the "Try again" taps the app receives, so the test proves there were none.
const retryTaps = (page) => page.evaluate(() => [...document.querySelectorAll('iframe')]
  .reduce((n, frame) => n + (frame.contentWindow.__retryTaps || 0), 0));
async function countRetryTaps(page) {
  for (const frame of page.frames()) {
    await frame.evaluate(() => document.addEventListener('click', (e) => {
      if (e.target.closest('[data-action="retry"]')) window.__retryTaps = (window.__retryTaps || 0) + 1;
    }, true)).catch(() => {});
  }
}

test('library and my music come back after the server returns, with no tap', async () => {
  server = await startServer(await freePort());
  const context = await browser.newContext();
  const { page } = await openApp(context);
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-server-url]').fill(server.url);
  await me.locator('[data-action="save-server"]').tap();
  await me.locator('[data-server-state="ok"]').waitFor();
  await signUp(page);
  await tapTab(page, 'library');
  const library = webview(page, 'pages/library.html');
  await library.locator('[data-track]').first().waitFor();

  // Mid-use: a search during the outage waits, then answers once the server is back.
  await stopServer();
  await library.locator('[data-search]').fill('moon');
  await library.locator('[data-state="retry"] [data-retrying]').waitFor();
  await screenshot(page, 'outage-library-retrying');
  await countRetryTaps(page);
  server = await startServer(server.port);
  await library.locator('[data-track-list][data-query="moon"] [data-track]').first().waitFor();
  assert.equal(await library.locator('[data-state="retry"]').count(), 0);

  // Reopened during an outage: every tab loads against a dead server, then recovers.
  await stopServer();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await library.locator('[data-state="retry"] [data-retrying]').waitFor();
  const music = webview(page, 'pages/music.html');
  await music.locator('[data-favorites] [data-empty]', { hasText: 'Trying again' }).waitFor({ state: 'attached' });
  await countRetryTaps(page);
  server = await startServer(server.port);
  await library.locator('[data-track]').first().waitFor();
  await music.locator('[data-favorites] [data-empty]', { hasText: 'No favorites yet' })
    .waitFor({ state: 'attached' });
  await music.locator('[data-history] [data-empty]', { hasText: 'Nothing played yet' })
    .waitFor({ state: 'attached' });
  assert.equal(await retryTaps(page), 0, 'nobody tapped "Try again"');
  await screenshot(page, 'outage-recovered');
  await context.close();
});
