// First paint of the packaged app with a full library, against a static blank page, in Debian's
// Chromium through playwright-core. Each visit uses a fresh browser context (cold cache).
// Usage: node bench/first_paint.mjs BASE_URL RUNS  -> prints {"app_ms": [...], "blank_ms": [...]}
import { chromium } from 'playwright-core';

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
  hasTouch: true };
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// Milliseconds from navigation until `ready(page)` resolves.
async function visit(browser, url, ready) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

// The library tab shows its first rows of tracks, checked on every animation frame in the page
// itself: a locator's wait polls with a growing back-off (up to 500 ms between tries) and
// would add its own delay to the app, never to the blank page seen on its first try.
const libraryShown = (page, timeout = 60000) => page.waitForFunction(() => {
  const frame = document.querySelector('iframe[data-webview="pages/library.html"]');
  const row = frame?.contentDocument?.querySelector('[data-track]');
  return Boolean(row && row.getBoundingClientRect().height > 0);
}, null, { polling: 'raf', timeout });
const blankShown = (page) => page.waitForFunction(() => document.body?.dataset.blank !== undefined,
  null, { polling: 'raf' });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: FLAGS });
const result = { app_ms: [], blank_ms: [] };
try {
  // Warm-up: the server's first listing of the whole library, Chromium's start-up.
  await visit(browser, `${base}/`, (page) => libraryShown(page, 600000));
  for (let i = 0; i < runs; i += 1) {
    result.blank_ms.push(await visit(browser, `${base}/_bench/blank`, blankShown));
    result.app_ms.push(await visit(browser, `${base}/`, libraryShown));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
