// Me › Subsonic apps: a key made in the app signs a Subsonic client in; revoked, it fails.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, openApp, screenshot, signUp, webview } from './browser.mjs';

let browser;
let app;

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  await signUp(app.page);
});
after(async () => browser?.close());

async function ping(key) {
  const response = await fetch(`${BASE_URL}/rest/ping.view?f=json&apiKey=${encodeURIComponent(key)}`);
  return (await response.json())['subsonic-response'];
}

test('create a key, use it from a Subsonic client, revoke it', async () => {
  const me = webview(app.page, 'pages/me.html');
  await me.locator('[data-subsonic-key-name]').fill('Symfonium');
  await me.locator('[data-action="create-subsonic-key"]').tap();
  const shown = me.locator('[data-new-subsonic-key]').filter({ hasText: /tcs_/ });
  await shown.waitFor();
  const key = (await shown.textContent()).match(/tcs_\S+/)[0];
  assert.equal((await ping(key)).status, 'ok');
  await me.locator('[data-subsonic-keys] li').filter({ hasText: 'Symfonium' }).waitFor();
  await screenshot(app.page, 'me-subsonic-apps');
  await me.locator('[data-action="revoke-subsonic-key"]').tap();
  await me.locator('[data-subsonic-keys] li').waitFor({ state: 'detached' });
  assert.equal((await ping(key)).error.code, 44);
});

test('the data saver is remembered', async () => {
  const me = webview(app.page, 'pages/me.html');
  await me.locator('[data-data-saver]').check();
  assert.equal(await app.page.evaluate(() => plus.storage.getItem('tapcast.data-saver')), 'on');
});
