// A bad server address, a server that is down and an expired token each explain themselves.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, openApp, screenshot, tapTab, uniqueName, webview } from './browser.mjs';

let browser;
const PYTHON = process.env.TAPCAST_PYTHON || '.venv/bin/python';

before(async () => { browser = await launch(); });
after(async () => browser?.close());

// A loopback port nobody listens on: what a stopped server looks like to the app.
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A second real server on the same database, which the test can stop.
async function startServer() {
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(PYTHON, ['-m', 'server'], { stdio: 'ignore',
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CORS_ORIGINS: BASE_URL } });
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child };
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the second server did not start');
}

async function setServer(page, address) {
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-server-url]').fill(address);
  await me.locator('[data-action="save-server"]').tap();
  return me;
}

test('a malformed server address is refused with a hint', async () => {
  const context = await browser.newContext();
  const { page } = await openApp(context);
  const me = await setServer(page, 'http://exa mple:5000');
  const status = me.locator('[data-server-status][data-server-state="error"]');
  await status.waitFor();
  assert.match(await status.textContent(), /not a valid address.*like http:\/\//);
  await page.locator('[data-host-toast]', { hasText: 'not a valid address' }).waitFor();
  await screenshot(page, 'error-bad-address');
  await context.close();
});

test('a server that is down gives a clear message on every page, not a blank one', async () => {
  const context = await browser.newContext();
  const { page } = await openApp(context);
  const down = `http://127.0.0.1:${await closedPort()}`;
  const me = await setServer(page, down);
  await me.locator('[data-server-state="error"]', { hasText: "Can't reach the Tapcast server" }).waitFor();
  await tapTab(page, 'library');
  const library = webview(page, 'pages/library.html');
  const message = library.locator('[data-state="retry"] [data-state-message]');
  await message.waitFor();
  assert.match(await message.textContent(), new RegExp(`Can't reach the Tapcast server at ${down}`));
  await screenshot(page, 'error-server-down');
  // Pointing back at the real server recovers without a reload.
  await setServer(page, BASE_URL);
  await me.locator('[data-server-state="ok"]', { hasText: 'Connected to Tapcast' }).waitFor();
  await context.close();
});

test('a server that stops while the app uses it: the next action says so', async () => {
  const context = await browser.newContext();
  const { page } = await openApp(context);
  const second = await startServer();
  try {
    const me = await setServer(page, second.url);
    await me.locator('[data-server-state="ok"]', { hasText: 'Connected to Tapcast' }).waitFor();
    await tapTab(page, 'library');
    const library = webview(page, 'pages/library.html');
    await library.locator('[data-track]').first().waitFor();
    second.child.kill();
    await new Promise((resolve) => second.child.once('exit', resolve));
    await library.locator('[data-search]').fill('moon');
    await library.locator('[data-state="retry"] [data-state-message]',
      { hasText: `Can't reach the Tapcast server at ${second.url}` }).waitFor();
  } finally {
    second.child.kill();
    await setServer(page, BASE_URL);
    await context.close();
  }
});

test('an expired token signs the user out with an explanation', async () => {
  const context = await browser.newContext();
  const { page } = await openApp(context);
  const username = uniqueName('expired');
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-segment="sign-up"]').tap();
  await me.locator('[data-register-username]').fill(username);
  await me.locator('[data-register-password]').fill('a long enough password');
  await me.locator('[data-action="sign-up"]').tap();
  await me.locator('body[data-signed-in="true"]').waitFor();
  const expired = execFileSync(PYTHON,
    ['-m', 'devtools.e2e', 'expired-token', username], { encoding: 'utf8' }).trim();
  await page.evaluate((value) => plus.storage.setItem('tapcast.token', value), expired);
  // Opening the app again with the stored, now expired token: the app says why and signs out.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('[data-host-toast]', { hasText: 'Your session has expired' }).waitFor();
  await webview(page, 'pages/music.html').locator('[data-state="sign-in"]')
    .waitFor({ state: 'attached' });
  await me.locator('body[data-signed-in="false"]').waitFor({ state: 'attached' });
  await tapTab(page, 'music');
  await screenshot(page, 'error-expired-token');
  await context.close();
});
