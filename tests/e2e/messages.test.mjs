// Messages between the app and a receiver, with a fake microphone in Chromium: a voice message
// recorded in the app arrives on the receiver page, chimes and plays; the receiver answers with
// press-to-talk, and the app shows an unread badge until the message is opened and played.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, opened, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

const MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required'];
let browser;
let app;
let receiver;
let deviceId;

// Hold a button (in any frame) for `ms`, as a finger would, then let go.
async function hold(page, locator, ms) {
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

before(async () => {
  browser = await launch({ args: MICROPHONE });
  app = await openApp(browser.context);
  const speaker = await browser.newContext({ viewport: { width: 800, height: 700 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  receiver = await speaker.newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  await signUp(app.page);
  const token = await app.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  const response = await fetch(`${BASE_URL}/api/v1/devices/pair`, { method: 'POST',
    body: JSON.stringify({ code, name: 'Nursery' }),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  deviceId = (await response.json()).id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});
after(async () => browser?.close());

test('a voice message recorded in the app chimes and plays on the receiver', async () => {
  await tapTab(app.page, 'devices');
  const devices = webview(app.page, 'pages/devices.html');
  await devices.locator(`[data-device="${deviceId}"] [data-action="open-conversation"]`).tap();
  const chat = await opened(app.page, `conversation-${deviceId}`);
  await chat.locator('body[data-ready="true"]').waitFor();
  const record = chat.locator('[data-action="record"]');
  await hold(app.page, record, 1500);
  await chat.locator('[data-action="record"][data-record="sent"]').waitFor();
  const bubble = chat.locator('[data-from="user"][data-kind="voice"]');
  await bubble.waitFor();
  assert.match(await bubble.locator('[data-duration]').textContent(), /^0:0[12]$/);
  await receiver.locator('[data-message-status="played"]').waitFor();
  assert.ok(Number(await receiver.locator('[data-receiver]').getAttribute('data-message-chimes')) >= 1);
  await screenshot(app.page, 'conversation');
});

test('while recording a timer counts; sliding left and letting go sends nothing', async () => {
  const chat = webview(app.page, `conversation-${deviceId}`);
  const before = await chat.locator('[data-message]').count();
  const record = chat.locator('[data-action="record"]');
  const box = await record.boundingBox();
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.down();
  await chat.locator('[data-record-timer]:not([hidden])[data-elapsed="0:01"]').waitFor();
  await app.page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
  await app.page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2, { steps: 5 });
  await chat.locator('[data-action="record"][data-record="cancel"]').waitFor();
  await app.page.mouse.up();
  await chat.locator('[data-action="record"][data-record="cancelled"]').waitFor();
  await chat.locator('[data-record-timer][hidden]').waitFor({ state: 'attached' });
  await app.page.waitForTimeout(1000);  // a clip that were sent would have arrived by now
  assert.equal(await chat.locator('[data-message]').count(), before);
});

test("the receiver's press-to-talk answer shows as unread in the app, then plays", async () => {
  await webview(app.page, `conversation-${deviceId}`).locator('.mui-action-back').tap();
  await hold(receiver, receiver.locator('[data-action="talk"]'), 1500);
  await receiver.locator('[data-action="talk"][data-talk="sent"]').waitFor();
  const devices = webview(app.page, 'pages/devices.html');
  await devices.locator(`[data-device="${deviceId}"] [data-unread-badge]`, { hasText: '1' })
    .waitFor();
  await app.page.locator('[data-tab="devices"] [data-unread-total]', { hasText: '1' }).waitFor();
  await devices.locator(`[data-device="${deviceId}"] [data-action="open-conversation"]`).tap();
  const chat = await opened(app.page, `conversation-${deviceId}`);
  const reply = chat.locator('[data-from="device"][data-kind="voice"]');
  await reply.locator('[data-action="play-voice"]').tap();
  await chat.locator('[data-from="device"][data-played="true"]').waitFor();
  await app.page.locator('[data-tab="devices"] [data-unread-total][hidden]').waitFor({
    state: 'attached' });
  await receiver.screenshot({ path: `${process.env.TAPCAST_ARTIFACTS || 'test-artifacts'}/receiver-messages.png` });
  assert.deepEqual(app.errors, []);
});
