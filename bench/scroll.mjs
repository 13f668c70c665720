// Scrolling the library of the packaged app with a full library: frame times while the list
// scrolls (and pages in more tracks as its end comes near), against the same page's frames
// while it sits still, in Debian's Chromium through playwright-core.
// Usage: node bench/scroll.mjs BASE_URL SECONDS
//   -> prints {"idle_ms": [...], "scroll_ms": [...], "rows": N, "scrolled_px": N}
import { chromium } from 'playwright-core';

const [base, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 5);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
  hasTouch: true };
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const SPEED_PX_PER_S = 3000;  // a quick fling through the list, kept up the whole time

// Frame intervals (ms) for `ms` milliseconds, scrolling the page by `speed` px/s meanwhile.
// Runs in the library's webview: requestAnimationFrame sees every frame its document makes.
function frames([ms, speed]) {
  return new Promise((resolve) => {
    const scroller = document.scrollingElement;
    const intervals = [];
    let started = null;
    let last = null;
    let scrolled = 0;
    function tick(now) {
      if (started === null) started = now;
      if (last !== null) {
        intervals.push(now - last);
        const step = (speed * (now - last)) / 1000;
        scroller.scrollTop += step;
        scrolled += step;
      }
      last = now;
      if (now - started < ms) requestAnimationFrame(tick);
      else resolve({ intervals, scrolled, rows: document.querySelectorAll('[data-track]').length });
    }
    requestAnimationFrame(tick);
  });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: FLAGS });
try {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const selector = 'iframe[data-webview="pages/library.html"]';
  await page.frameLocator(selector).locator('[data-track]').first()
    .waitFor({ state: 'visible', timeout: 600000 });
  const library = await (await page.$(selector)).contentFrame();
  await page.waitForTimeout(1000);  // the other tabs load after the first paint
  const idle = await library.evaluate(frames, [seconds * 1000, 0]);
  const scroll = await library.evaluate(frames, [seconds * 1000, SPEED_PX_PER_S]);
  console.log(JSON.stringify({ idle_ms: idle.intervals, scroll_ms: scroll.intervals,
    rows: scroll.rows, scrolled_px: Math.round(scroll.scrolled) }));
} finally {
  await browser.close();
}
