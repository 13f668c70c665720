// The Rules page: one parent edits the weekly schedule, the change shows at once on the
// other phone signed into the same account and reaches the receiver's copy; a bad time zone
// is refused with the field named; the Listening page shows 14 days.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, opened, openApp, openRules, signIn, signUp, webview }
  from './browser.mjs';

let browser;
let phones;
let receiver;
let deviceId;

before(async () => {
  browser = await launch();
  const first = await openApp(browser.context);
  const account = await signUp(first.page);
  const second = await openApp(await browser.newContext());
  await signIn(second.page, account);
  phones = [first, second];
  receiver = await (await browser.newContext({ viewport: { width: 800, height: 600 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 })).newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  const token = await first.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const paired = await fetch(`${BASE_URL}/api/v1/devices/pair`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ code, name: 'Nursery' }) });
  deviceId = (await paired.json()).id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});
after(async () => browser?.close());

test('a schedule saved on one phone shows on the other and reaches the receiver', async () => {
  const [{ rules: editor }, { rules: watcher }] = [await openRules(phones[0].page, deviceId),
    await openRules(phones[1].page, deviceId)];
  const monday = editor.locator('[data-rule-day="mon"]');
  await monday.locator('[data-rule-on]').check();
  await monday.locator('[data-rule-start]').fill('20:00');
  await monday.locator('[data-rule-end]').fill('06:30');
  await editor.locator('[data-rule-zone]').fill('Europe/Berlin');
  await editor.locator('[data-rule-limit]').fill('45');
  await editor.locator('[data-action="save"]').tap();
  await phones[0].page.locator('[data-host-toast]', { hasText: 'Rules saved' }).waitFor();

  await watcher.locator('body[data-rules-updated]').waitFor();
  assert.equal(await watcher.locator('[data-rule-day="mon"] [data-rule-on]').isChecked(), true);
  assert.equal(await watcher.locator('[data-rule-day="mon"] [data-rule-start]').inputValue(), '20:00');
  assert.equal(await watcher.locator('[data-rule-limit]').inputValue(), '45');
  assert.equal(await watcher.locator('[data-rule-day="tue"] [data-rule-on]').isChecked(), false);

  const copy = await receiver.waitForFunction(() => {
    const kept = JSON.parse(localStorage.getItem('tapcast.receiver.rules') || 'null');
    return kept?.rules?.quiet_time?.length === 1 && kept.rules;
  });
  const kept = await copy.jsonValue();
  assert.deepEqual(kept.quiet_time, [{ day: 'mon', start: '20:00', end: '06:30' }]);
  assert.equal(kept.daily_limit_minutes, 45);
});

test('a bad time zone is refused, naming the field', async () => {
  const editor = webview(phones[0].page, `rules-${deviceId}`);
  await editor.locator('[data-rule-zone]').fill('Nowhere/Land');
  await editor.locator('[data-action="save"]').tap();
  await editor.locator('[data-rules-error]', { hasText: 'time_zone' }).waitFor();
});

test('the Listening page charts the last 14 days with a timeline', async () => {
  const page = phones[0].page;
  await page.locator(`iframe[data-webview="rules-${deviceId}"]`).waitFor();
  const editor = webview(page, `rules-${deviceId}`);
  await editor.locator('.mui-action-back').tap();
  const remote = await opened(page, `remote-${deviceId}`);
  await remote.locator('[data-action="report"]').tap();
  const report = await opened(page, `report-${deviceId}`);
  await report.locator('body[data-ready="true"] [data-report-chart]').waitFor();
  assert.equal(await report.locator('[data-report-chart] [data-day]').count(), 14);
  await report.locator('[data-report-timeline]', { hasText: 'Nothing was played' }).waitFor();
  assert.deepEqual(phones.flatMap((phone) => phone.errors), []);
});
