// Sign up, sign out, sign in from the Me tab; every tab follows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openApp, screenshot, signUp, tapTab, uniqueName, webview } from './browser.mjs';

let browser;
let app;
const account = { username: uniqueName('ann'), password: 'correct horse battery' };

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
});
after(async () => browser?.close());

test('signed out, the personal tabs invite to sign in', async () => {
  await tapTab(app.page, 'music');
  await webview(app.page, 'pages/music.html').locator('[data-state="sign-in"]').waitFor();
  await tapTab(app.page, 'devices');
  await webview(app.page, 'pages/devices.html').locator('[data-state="sign-in"]').waitFor();
  await tapTab(app.page, 'me');
  await screenshot(app.page, 'me-signed-out');
});

test('sign up signs in and every tab refreshes', async () => {
  await signUp(app.page, account.username, account.password);
  const me = webview(app.page, 'pages/me.html');
  assert.equal(await me.locator('[data-user-username]').textContent(), `@${account.username}`);
  await webview(app.page, 'pages/music.html').locator('[data-music-body]:not([hidden])')
    .waitFor({ state: 'attached' });
  await webview(app.page, 'pages/devices.html')
    .locator('[data-devices-body]:not(:has([data-state="sign-in"]))').waitFor({ state: 'attached' });
  await screenshot(app.page, 'me');
});

test('sign out returns every tab to its signed-out state', async () => {
  const me = webview(app.page, 'pages/me.html');
  await me.locator('[data-action="sign-out"]').tap();
  await me.locator('body[data-signed-in="false"]').waitFor();
  await webview(app.page, 'pages/music.html').locator('[data-state="sign-in"]')
    .waitFor({ state: 'attached' });
  assert.equal(await app.page.evaluate(() => plus.storage.getItem('tapcast.token')), null);
});

test('a wrong password is explained next to the form', async () => {
  const me = webview(app.page, 'pages/me.html');
  await me.locator('[data-login-username]').fill(account.username);
  await me.locator('[data-login-password]').fill('not the password');
  await me.locator('[data-action="sign-in"]').tap();
  const error = me.locator('[data-form-error="login"]');
  await error.filter({ hasText: /\S/ }).waitFor();
  assert.equal(await me.locator('body').getAttribute('data-signed-in'), 'false');
});

test('sign in with the right password', async () => {
  const me = webview(app.page, 'pages/me.html');
  await me.locator('[data-login-password]').fill(account.password);
  await me.locator('[data-action="sign-in"]').tap();
  await me.locator('body[data-signed-in="true"]').waitFor();
  await webview(app.page, 'pages/music.html').locator('[data-music-body]:not([hidden])')
    .waitFor({ state: 'attached' });
  assert.deepEqual(app.errors, []);
});
