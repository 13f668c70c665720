// Lighthouse (mobile, its default simulated phone and network) on one page, in Debian's
// Chromium started by chrome-launcher (CHROME_PATH) with the flags of tests/e2e/browser.mjs.
// Usage: node bench/lighthouse.mjs URL  -> prints {"performance": 0.9, "accessibility": 1, ...}
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [url] = process.argv.slice(2);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

process.env.CHROME_PATH ||= '/usr/bin/chromium';
const chrome = await chromeLauncher.launch({ chromeFlags: FLAGS });
try {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
    onlyCategories: CATEGORIES });
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, result.lhr.categories[c].score]));
  // What cost points, to say why a score is below its goal.
  const failed = CATEGORIES.flatMap((c) => result.lhr.categories[c].auditRefs)
    .map((ref) => result.lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative'
      && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id}=${a.score}`);
  console.log(JSON.stringify({ ...scores, fcp_ms: result.lhr.audits['first-contentful-paint']
    .numericValue, failed }));
} finally {
  await chrome.kill();
}
