// Requests and bytes that reach the network during a first open of the app (cold cache, the
// library tab showing tracks, then every other tab opened), counted through the DevTools
// protocol: a file served from the browser's cache is not counted.
// Usage: node bench/first_open.mjs BASE_URL  -> prints {"requests": N, "bytes": N}
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
  hasTouch: true };
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const TABS = ['music', 'devices', 'me'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: FLAGS });
try {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const fromCache = new Set();
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    if (fromCache.has(e.requestId) || e.encodedDataLength === 0) return;
    requests += 1;
    bytes += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await page.goto(`${base}/`);
  const frame = (name) => page.frameLocator(`iframe[data-webview="pages/${name}.html"]`);
  await frame('library').locator('[data-track]').first().waitFor({ timeout: 120000 });
  for (const tab of TABS) {
    await page.locator(`[data-tab="${tab}"]`).tap();
    await frame(tab).locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  }
  await page.waitForLoadState('networkidle');
  console.log(JSON.stringify({ requests, bytes }));
} finally {
  await browser.close();
}
