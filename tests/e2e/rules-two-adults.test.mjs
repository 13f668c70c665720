// Two adults of one household, each on their own phone (separate browser contexts, separate
// accounts): one lowers a receiver's maximum volume on its Rules page, the other adult's open
// Rules page shows the new caps live (device.rules over /ws, to the whole household), and the
// receiver keeps the new copy and holds a volume command from the other adult to it. A change
// made while the second phone's socket is down shows on its Rules page once the socket is back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, openApp, openRules, signIn, signUp, uniqueName, webview }
  from './browser.mjs';

let browser;
let mum;
let dad;
let dadToken;
let receiver;
let deviceId;
let dadCutOff = false;  // while true the second adult's phone cannot open its socket
const dadSockets = [];

async function api(method, path, token, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { method,
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

before(async () => {
  browser = await launch();
  mum = await openApp(browser.context);
  const dadContext = await browser.newContext();
  await dadContext.routeWebSocket(/\/ws\?/, (ws) => {
    if (dadCutOff) { ws.close({ code: 1006 }); return; }
    dadSockets.push({ page: ws, server: ws.connectToServer() });
  });
  dad = await openApp(dadContext);
  receiver = await (await browser.newContext({ viewport: { width: 800, height: 600 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 })).newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();

  await signUp(mum.page, uniqueName('mum'));
  const mumToken = await mum.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  deviceId = (await api('POST', '/devices/pair', mumToken, { code, name: 'Nursery' })).body.id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
  // The second adult is in the household before their phone signs in, so the phone's socket
  // opens straight into the household's group (joining later is family.test.mjs's story).
  const account = { username: uniqueName('dad'), password: 'a long enough password' };
  dadToken = (await api('POST', '/auth/register', null, account)).body.token;
  const invite = await api('POST', '/household/invites', mumToken, { role: 'adult' });
  assert.equal((await api('POST', '/household/join', dadToken, { code: invite.body.code })).status,
    200);
  await signIn(dad.page, account);
  await dad.page.waitForFunction(() => window.tapcast?.socket?.status === 'open');
});
after(async () => browser?.close());

test("a volume cap one adult saves shows live on the other adult's Rules page", async () => {
  const { rules: editor } = await openRules(mum.page, deviceId);
  const { rules: watcher } = await openRules(dad.page, deviceId);
  assert.equal(await watcher.locator('[data-rule-volume-day]').inputValue(), '1');
  await editor.locator('[data-rule-volume-day]').fill('0.4');
  await editor.locator('[data-rule-volume-night]').fill('0.2');
  await editor.locator('[data-action="save"]').tap();
  await mum.page.locator('[data-host-toast]', { hasText: 'Rules saved' }).waitFor();

  // Not reopened, not refreshed: the page the second adult already had open redraws.
  await watcher.locator('body[data-rules-updated]').waitFor();
  assert.equal(await watcher.locator('[data-rule-volume-day]').inputValue(), '0.4');
  assert.equal(await watcher.locator('[data-rule-volume-night]').inputValue(), '0.2');
});

test("the receiver gets the new copy and caps the other adult's volume command", async () => {
  const copy = await receiver.waitForFunction(() => {
    const kept = JSON.parse(localStorage.getItem('tapcast.receiver.rules') || 'null');
    return kept?.rules?.max_volume?.day === 0.4 && kept.rules;
  });
  assert.deepEqual((await copy.jsonValue()).max_volume, { day: 0.4, night: 0.2 });
  // No quiet time is set, so the day's cap applies whatever the clock says.
  const sent = await api('POST', `/devices/${deviceId}/commands`, dadToken,
    { action: 'volume', volume: 1 });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  await receiver.waitForFunction(() => document.querySelector('[data-audio]').volume === 0.4);
});

test('a change made while the other phone was offline shows when its socket is back', async () => {
  const editor = webview(mum.page, `rules-${deviceId}`);
  const watcher = webview(dad.page, `rules-${deviceId}`);  // still open from the first test
  dadCutOff = true;
  for (const { page, server } of dadSockets.splice(0)) { server.close(); page.close(); }
  await dad.page.waitForFunction(() => window.tapcast.socket.status !== 'open');
  await editor.locator('[data-rule-limit]').fill('45');
  await editor.locator('[data-action="save"]').tap();
  await editor.locator('[data-rule-limit][value="45"]').waitFor();
  assert.equal(await watcher.locator('[data-rule-limit]').inputValue(), '', 'no socket, no news');

  dadCutOff = false;
  await dad.page.waitForFunction(() => window.tapcast.socket.status === 'open');
  await watcher.locator('[data-rule-limit][value="45"]').waitFor();
  // A save from this page now keeps the other adult's caps instead of writing stale ones back.
  assert.equal(await watcher.locator('[data-rule-volume-day]').inputValue(), '0.4');
  assert.deepEqual([...mum.errors, ...dad.errors], []);
});
