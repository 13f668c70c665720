// The packaged app (`npm run build` -> dist/app/): classic scripts only, and it works from
// file:// as a 5+App loads it, with the browser host standing in for `plus`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, screenshot, tapTab, webview } from './browser.mjs';

const DIST = resolve('dist', 'app');
let browser;

// Android's WebView in a 5+App lets file:// pages reach each other (allowFileAccessFromFileURLs);
// Chromium needs the switch for the host's webview iframes to share the launch page.
before(async () => { browser = await launch({ args: ['--allow-file-access-from-files'] }); });
after(async () => browser?.close());

function files(dir = DIST) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

test('the package has no module script: every page and script loads as a classic one', () => {
  const pages = files().filter((f) => f.endsWith('.html'));
  const scripts = files().filter((f) => f.endsWith('.js'));
  assert.ok(pages.length >= 5 && scripts.length >= 2, `dist/app is built: ${pages.length} pages`);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    assert.doesNotMatch(html, /type\s*=\s*["']?module/i, `${page} has a module script`);
    const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(sources.length > 0, `${page} loads its scripts`);
    for (const src of sources) {
      assert.match(src, /-[0-9a-zA-Z]{8,}\.js$/, `${page}: ${src} has a content hash`);
    }
  }
  // Compiling as a classic script throws on import/export declarations and import.meta.
  for (const script of scripts) assert.doesNotThrow(() => new Script(readFileSync(script, 'utf8')));
});

test('every webview loads the same one stylesheet and one bundle', () => {
  const heads = files().filter((f) => f.endsWith('.html'))
    .map((f) => readFileSync(f, 'utf8').match(/assets\/[^"]+/g).sort().join(' '));
  assert.equal(new Set(heads).size, 1, `one set of files for every page: ${[...new Set(heads)]}`);
  assert.equal(heads[0].split(' ').filter((name) => name.endsWith('.css')).length, 1);
});

test('the built app opened from file:// plays a track from the server set in settings', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  await page.waitForSelector('body[data-ready="true"]');
  // From file:// there is no server yet: the app asks for one, like the packaged app.
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-server-url]').fill(BASE_URL);
  await me.locator('[data-action="save-server"]').tap();
  await me.locator('[data-server-state="ok"]', { hasText: 'Connected to Tapcast' }).waitFor();
  await tapTab(page, 'library');
  const library = webview(page, 'pages/library.html');
  const row = library.locator('[data-track] [data-action]').first();
  await row.waitFor();
  await row.tap();
  // A row either plays at once or opens the track page, whose Play button plays.
  const detail = page.locator('iframe[data-webview^="track-"][data-visible="true"]:not([data-animating])');
  const playing = () => page.evaluate(() => window.tapcast?.player?.audio?.getPosition() > 0.3);
  let tapped = false;
  for (let i = 0; i < 100 && !tapped && !(await playing()); i += 1) {
    if (await detail.count()) {
      const id = await detail.getAttribute('data-webview');
      const play = webview(page, id).locator('[data-action="play"]');
      if (await play.count()) { await play.tap(); tapped = true; }
    }
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(() => window.tapcast.player.audio.getPosition() > 0.3);
  assert.equal(await page.evaluate(() => location.protocol), 'file:');
  await screenshot(page, 'package-file-playing');
  assert.deepEqual(errors, []);
  await context.close();
});
