// Pair a receiver (/receiver/ in a second browser context), play a track on it from the app
// and watch its live state in the Devices tab and on its remote-control page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, opened, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

let browser;
let app;
let receiver;
let track;
let deviceId;

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  const page = await apiTracks({ per_page: 50, sort: 'title' });
  track = page.items.reduce((a, b) => (b.duration > a.duration ? b : a));
  const speaker = await browser.newContext({ viewport: { width: 800, height: 600 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  receiver = await speaker.newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  // A person starts the speaker page once; that click lets it play sound later.
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  await receiver.mouse.click(5, 5);
});
after(async () => browser?.close());

test('pairing with the code shown on the receiver adds it to the Devices tab', async () => {
  await signUp(app.page);
  await tapTab(app.page, 'devices');
  const devices = webview(app.page, 'pages/devices.html');
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  await devices.locator('[data-pair-code]').fill(code);
  await devices.locator('[data-pair-name]').fill('Kitchen speaker');
  await devices.locator('[data-action="pair"]').tap();
  const row = devices.locator('[data-device]', { hasText: 'Kitchen speaker' });
  await row.waitFor();
  deviceId = await row.getAttribute('data-device');
  await devices.locator(`[data-device="${deviceId}"][data-online="true"]`).waitFor();
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});

test('a track sent from its detail page plays on the receiver, live in the app', async () => {
  await tapTab(app.page, 'library');
  const library = webview(app.page, 'pages/library.html');
  await library.locator(`[data-track="${track.id}"] [data-action="open-track"]`).tap();
  const detail = await opened(app.page, `track-${track.id}`);
  await detail.locator('[data-action="cast"]').tap();
  await app.page.locator('[data-host-dialog] [data-host-button="0"]', { hasText: 'Kitchen speaker' }).tap();
  await app.page.locator('[data-host-toast]', { hasText: 'Playing on Kitchen speaker' }).waitFor();
  await receiver.locator('[data-player-status="playing"]').waitFor();
  await receiver.locator(`[data-now-playing][data-track-id="${track.id}"] [data-track-title]`,
    { hasText: track.title }).waitFor();
  await detail.locator('.mui-action-back').tap();
  await tapTab(app.page, 'devices');
  const devices = webview(app.page, 'pages/devices.html');
  const row = devices.locator(`[data-device="${deviceId}"][data-status="playing"]`);
  await row.locator('[data-device-state]', { hasText: track.title }).waitFor();
  await screenshot(app.page, 'devices');
});

test('the remote-control page pauses the receiver and shows it', async () => {
  const devices = webview(app.page, 'pages/devices.html');
  await devices.locator(`[data-device="${deviceId}"] [data-action="open-device"]`).tap();
  const remote = await opened(app.page, `remote-${deviceId}`);
  await remote.locator('[data-remote-name]', { hasText: 'Kitchen speaker' }).waitFor();
  // The demo track lasts seconds and may have ended: start it again, as another phone could.
  const token = await app.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const response = await fetch(`${BASE_URL}/api/v1/devices/${deviceId}/commands`, {
    method: 'POST', body: JSON.stringify({ action: 'play', track_ids: [track.id] }),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 202);
  await remote.locator('body[data-status="playing"]').waitFor();
  await remote.locator('[data-remote-track]', { hasText: track.title }).waitFor();
  await remote.locator('[data-action="toggle"]').tap();
  await receiver.locator('[data-player-status="paused"]').waitFor();
  await remote.locator('body[data-status="paused"]').waitFor();
  await screenshot(app.page, 'remote');
  await receiver.screenshot({ path: `${process.env.TAPCAST_ARTIFACTS || 'test-artifacts'}/receiver.png` });
  assert.deepEqual(app.errors, []);
});

test("a receiver's QR link (/?pair=CODE) opens Devices; after sign-in the code is filled in", async () => {
  const phone = await browser.newContext();
  const page = await phone.newPage();
  await page.goto(`${BASE_URL}/?pair=ABCD23`);
  await page.locator('iframe[data-webview="pages/devices.html"][data-visible="true"]').waitFor();
  await webview(page, 'pages/devices.html').locator('[data-state="sign-in"]').waitFor();
  await signUp(page);
  await tapTab(page, 'devices');
  const input = webview(page, 'pages/devices.html').locator('[data-pair-code]');
  await input.waitFor();
  for (let i = 0; i < 100 && (await input.inputValue()) !== 'ABCD23'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await input.inputValue(), 'ABCD23');
  await phone.close();
});
