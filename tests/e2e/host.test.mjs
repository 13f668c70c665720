// The browser host: MUI's real 5+ paths (tabs as sub-webviews, openWindow with extras,
// mui.fire through evalJS, back navigation) running against the host's plus.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, openApp, screenshot, tapTab, webview } from './browser.mjs';

let browser;
let app;

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
});
after(async () => browser?.close());

test('MUI runs its 5+ code paths against the host', async () => {
  const state = await app.page.evaluate(() => ({
    plus: mui.os.plus, body: document.body.classList.contains('mui-plus'),
    current: plus.webview.currentWebview().id, appid: plus.runtime.appid,
    children: plus.webview.currentWebview().children().map((w) => w.id),
  }));
  assert.deepEqual(state, { plus: true, body: true, current: 'tapcast', appid: 'tapcast',
    children: ['pages/library.html', 'pages/music.html', 'pages/devices.html', 'pages/me.html'] });
});

test('the tab bar shows one sub-webview at a time', async () => {
  for (const tab of ['music', 'devices', 'me', 'library']) {
    await tapTab(app.page, tab);
    const visible = await app.page.locator('iframe[data-visible="true"]').evaluateAll(
      (frames) => frames.map((f) => f.dataset.webview));
    assert.deepEqual(visible, [`pages/${tab}.html`]);
    await assert.doesNotReject(app.page.locator(`[data-tab="${tab}"].mui-active`).waitFor());
  }
});

test('openWindow creates a webview whose page reads its extras, back closes it', async () => {
  const library = app.page.frame({ name: 'pages/library.html' });
  await library.evaluate(() => mui.openWindow({ url: 'track.html', id: 'track-extras',
    extras: { trackId: '000000000000000000000000' } }));
  const detail = webview(app.page, 'track-extras');
  await detail.locator('body[data-track-id="000000000000000000000000"][data-ready="true"]').waitFor();
  // An unknown track shows a message, never a blank page.
  await detail.locator('[data-state="retry"]').waitFor();
  await detail.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview="track-extras"]').waitFor({ state: 'detached' });
});

test("the browser's back button is the hardware back key", async () => {
  const library = app.page.frame({ name: 'pages/library.html' });
  await library.evaluate(() => mui.openWindow({ url: 'track.html', id: 'track-back',
    extras: { trackId: '000000000000000000000001' } }));
  await webview(app.page, 'track-back').locator('body[data-ready="true"]').waitFor();
  await app.page.locator('iframe[data-webview="track-back"][data-visible="true"]').waitFor();
  await app.page.goBack();
  await app.page.locator('iframe[data-webview="track-back"]').waitFor({ state: 'detached' });
  assert.equal(new URL(app.page.url()).pathname, '/');
});

test('mui.fire reaches document listeners of another webview, quotes and all', async () => {
  const music = app.page.frame({ name: 'pages/music.html' });
  await music.evaluate(() => {
    document.addEventListener('test:ping', (e) => { window.received = e.detail; });
  });
  const me = app.page.frame({ name: 'pages/me.html' });
  await me.evaluate(() => mui.fire(plus.webview.getWebviewById('pages/music.html'), 'test:ping',
    { text: "it's a \"test\" \\ ok", n: 3 }));
  await music.waitForFunction(() => window.received);
  assert.deepEqual(await music.evaluate(() => window.received),
    { text: "it's a \"test\" \\ ok", n: 3 });
});

test('a desktop browser (mouse, no touch) drives the same taps', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  const desktop = await openApp(context);
  assert.equal(await desktop.page.evaluate(() => mui.isTouchable), false);
  await desktop.page.locator('[data-tab="me"]').click();
  await desktop.page.locator('iframe[data-webview="pages/me.html"][data-visible="true"]').waitFor();
  await webview(desktop.page, 'pages/me.html').locator('[data-segment="sign-up"]').click();
  await webview(desktop.page, 'pages/me.html').locator('#sign-up.mui-active').waitFor();
  assert.deepEqual(desktop.errors, []);
  await context.close();
});

test('plus.storage is shared by every webview and nativeUI draws above them', async () => {
  const me = app.page.frame({ name: 'pages/me.html' });
  await me.evaluate(() => plus.storage.setItem('test.key', 'shared'));
  const library = app.page.frame({ name: 'pages/library.html' });
  assert.equal(await library.evaluate(() => plus.storage.getItem('test.key')), 'shared');
  await library.evaluate(() => mui.toast('Hello from a tab'));
  await app.page.locator('[data-host-toast]', { hasText: 'Hello from a tab' }).waitFor();
  await screenshot(app.page, 'host-toast');
  assert.deepEqual(app.errors, []);
});

test('under HTML5+ (Html5Plus in the user agent) the host is never loaded', async () => {
  const context = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Html5Plus/1.0' });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${BASE_URL}/`);
  await page.waitForFunction(() => window.mui && mui.os.plus === true);
  await page.waitForLoadState('networkidle');
  assert.ok(requested.includes('/js/pages/main.js'));
  assert.deepEqual(requested.filter((path) => path.startsWith('/js/host/')), []);
  // Without the real runtime nothing else happens: the app waits for plusready.
  assert.equal(await page.evaluate(() => typeof window.plus), 'undefined');
  await context.close();
});

