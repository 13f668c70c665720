// axe-core (npm) on every page of the app and on the receiver, in light and in dark mode:
// no violation of WCAG 2.1 A/AA (contrast included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, opened, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

// The violations axe finds in one frame (its own document; webviews are checked one by one).
async function violations(frame) {
  if (!(await frame.evaluate(() => Boolean(window.axe)))) await frame.evaluate(AXE);
  const result = await frame.evaluate((tags) => window.axe.run(
    { exclude: [['iframe']] }, { runOnly: { type: 'tag', values: tags }, iframes: false,
      resultTypes: ['violations'] }), TAGS);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3)
    .map((n) => `${n.target.join(' ')} ${n.failureSummary.split('\n').slice(1).join(' ')}`)
    .join(', ')})`);
}

async function check(page, name, frameName, found) {
  const frame = frameName ? page.frame({ name: frameName }) : page.mainFrame();
  const list = await violations(frame);
  if (list.length) found.push(`${name}:\n  ${list.join('\n  ')}`);
}

// A page opened as its own webview, exactly as the app's openPage does it.
async function openWindow(page, url, id, extras) {
  await page.evaluate(([u, i, e]) => mui.openWindow({ url: u, id: i, extras: e,
    show: { aniShow: 'none', duration: 0 } }), [url, id, extras]);
  const view = await opened(page, id);
  await view.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  return view;
}

// Wait for something of a webview to show.
const view = (page, id, selector) => webview(page, id).locator(selector).first().waitFor();

for (const scheme of ['light', 'dark']) {
  test(`no axe violation on any page, ${scheme} mode`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page } = await openApp(context);
    const found = [];
    const track = (await apiTracks({ per_page: 1, sort: 'title' })).items[0];
    await webview(page, 'pages/library.html').locator('[data-track]').first().waitFor();
    await check(page, 'main (tab bar)', null, found);
    await check(page, 'library', 'pages/library.html', found);
    await tapTab(page, 'me');
    await check(page, 'me, signed out', 'pages/me.html', found);
    await webview(page, 'pages/me.html').locator('[data-segment="sign-up"]').tap();
    await check(page, 'me, sign up', 'pages/me.html', found);
    await signUp(page);
    await check(page, 'me, signed in', 'pages/me.html', found);
    await tapTab(page, 'music');
    const music = webview(page, 'pages/music.html');
    await music.locator('[data-favorites] [data-empty]').waitFor();
    await check(page, 'my music', 'pages/music.html', found);
    await tapTab(page, 'devices');
    await check(page, 'devices', 'pages/devices.html', found);
    await openWindow(page, 'pages/track.html', `track-${track.id}`, { trackId: track.id });
    await check(page, 'track', `track-${track.id}`, found);
    await page.evaluate((t) => mui.fire(plus.webview.getLaunchWebview(), 'tapcast:play',
      { tracks: [t], index: 0 }), track);
    await page.locator('[data-mini-player]:not([hidden])').waitFor();
    await check(page, 'main with the mini-player', null, found);
    await openWindow(page, 'pages/player.html', 'player', {});
    await check(page, 'player', 'player', found);
    await openWindow(page, 'pages/queue.html', 'queue', {});
    await view(page, 'queue', '[data-queue] [data-track]');
    await check(page, 'queue', 'queue', found);
    await openWindow(page, 'pages/downloads.html', 'downloads', {});
    await check(page, 'downloads', 'downloads', found);
    const playlist = await page.evaluate(async (base) => {
      const response = await fetch(`${base}/api/v1/playlists`, { method: 'POST',
        headers: { 'Content-Type': 'application/json',
          Authorization: `Bearer ${plus.storage.getItem('tapcast.token')}` },
        body: JSON.stringify({ name: 'Bedtime' }) });
      return response.json();
    }, BASE_URL);
    await openWindow(page, 'pages/playlist.html', `playlist-${playlist.id}`, { playlistId: playlist.id });
    await check(page, 'playlist', `playlist-${playlist.id}`, found);
    await screenshot(page, `accessibility-${scheme}`);
    const receiver = await context.newPage();
    await receiver.goto(`${BASE_URL}/receiver/`);
    await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
    const list = await violations(receiver.mainFrame());
    if (list.length) found.push(`receiver:\n  ${list.join('\n  ')}`);
    await context.close();
    assert.deepEqual(found, [], found.join('\n'));
  });
}

test('the keyboard reaches chips and rows, shows the focus, and Enter acts like a tap', async () => {
  const context = await browser.newContext({ hasTouch: false, isMobile: false });
  const { page } = await openApp(context);
  const frame = page.frame({ name: 'pages/library.html' });
  await frame.locator('[data-track]').first().waitFor();
  await frame.locator('[data-category]').nth(1).waitFor();
  const focused = () => frame.evaluate(() => {
    const node = document.activeElement;
    return { action: node?.dataset.action || '', outline: getComputedStyle(node).outlineStyle };
  });
  await frame.locator('[data-search]').focus();
  const seen = new Set();
  for (let i = 0; i < 12 && !seen.has('open-track'); i += 1) {
    await page.keyboard.press('Tab');
    const { action, outline } = await focused();
    if (action) {
      seen.add(action);
      assert.notEqual(outline, 'none', `a focused ${action} control shows its focus`);
    }
  }
  assert.ok(seen.has('category') && seen.has('open-track'), `reached: ${[...seen]}`);
  const trackId = await frame.evaluate(() => document.activeElement.dataset.trackId);
  await page.keyboard.press('Enter');
  // The row's own action ran: it opened the track page or started it playing.
  await page.waitForFunction((id) => document.querySelector(`iframe[data-webview="track-${id}"]`)
    || window.tapcast?.player?.track?.id === id, trackId);
  await context.close();
});
