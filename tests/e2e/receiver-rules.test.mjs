// A real receiver page enforcing house rules from its own copy: it is paired, gets its rules,
// plays, loses its socket, and when quiet time starts (the page's clock moved by the test)
// it fades out and pauses by itself and shows the night light with the time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, uniqueName } from './browser.mjs';

let browser;
let receiver;
let owner;
let deviceId;
let cutOff = false;  // while true the receiver's socket is refused: it is offline
const sockets = [];

async function call(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, { method,
    headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

// Monday 7 December 2026 in Berlin (UTC+1); the server's own clock is not moved.
const berlin = (time) => new Date(`2026-12-07T${time}+01:00`);

before(async () => {
  browser = await launch({ args: ['--autoplay-policy=no-user-gesture-required'] });
  const context = await browser.newContext({ viewport: { width: 800, height: 700 } });
  receiver = await context.newPage();
  await receiver.routeWebSocket(/\/ws\?/, (ws) => {
    if (cutOff) { ws.close({ code: 1006 }); return; }
    sockets.push({ page: ws, server: ws.connectToServer() });
  });
  await receiver.clock.setFixedTime(berlin('18:29:00'));
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  const signUp = await fetch(`${BASE_URL}/api/v1/auth/register`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: uniqueName('parent'), password: 'a long enough password' }) });
  owner = (await signUp.json()).token;
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  deviceId = (await call('POST', '/api/v1/devices/pair', { code, name: 'Bedroom' })).body.id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});
after(async () => { await browser?.close(); });

test('offline when quiet time starts, the receiver pauses from its own copy', async () => {
  // Quiet on Monday nights only: the server's real day lets the play through.
  const put = await call('PUT', `/api/v1/devices/${deviceId}/rules`, {
    time_zone: 'Europe/Berlin', quiet_time: [{ day: 'mon', start: '19:30', end: '07:00' }],
    bedtime: { mode: 'fade', fade_seconds: 2 }, max_volume: { day: 1, night: 0.5 } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await receiver.waitForFunction(() => localStorage.getItem('tapcast.receiver.rules') !== null);
  const [track] = (await apiTracks({ per_page: 50 })).items.sort((a, b) => b.duration - a.duration);
  const played = await call('POST', `/api/v1/devices/${deviceId}/commands`,
    { action: 'play', track_ids: [track.id] });
  assert.equal(played.status, 202);
  await receiver.locator('[data-player-status="playing"]').waitFor();
  // The demo's tracks last a few seconds: looping makes one a long bedtime story.
  await receiver.evaluate(() => { document.querySelector('[data-audio]').loop = true; });
  assert.equal(await receiver.locator('[data-receiver]').getAttribute('data-mode'), 'day');
  assert.equal(await receiver.locator('[data-action="toggle"]').textContent(), 'Pause');

  cutOff = true;
  for (const { page, server } of sockets) { server.close(); page.close(); }
  await receiver.locator('[data-connection="offline"]').waitFor();
  await receiver.waitForTimeout(1500);
  assert.equal(await receiver.locator('[data-player-status]').getAttribute('data-player-status'),
    'playing', 'still day on the page: nothing stops');

  await receiver.clock.setFixedTime(berlin('19:30:05'));
  await receiver.locator('[data-receiver][data-mode="night"]').waitFor();
  await receiver.locator('[data-night-clock]', { hasText: '19:30' }).waitFor();
  // The night light hides the player: its status is still there to read.
  await receiver.locator('[data-player-status="paused"]').waitFor({ state: 'attached' });
  assert.equal(await receiver.locator('[data-paired-panel]').isVisible(), false);
  // The fade ended with the listener's volume back, capped at night's maximum.
  await receiver.waitForFunction(() => document.querySelector('[data-audio]').volume <= 0.5);
  assert.equal(await receiver.locator('[data-action="toggle"]').isDisabled(), true);
});

test('the morning after, day mode comes back and the big button plays again', async () => {
  await receiver.clock.setFixedTime(new Date('2026-12-08T07:00:30+01:00'));
  await receiver.locator('[data-receiver][data-mode="day"]').waitFor();
  await receiver.locator('[data-action="toggle"]:not([disabled])').waitFor();
  await receiver.locator('[data-paired-panel]').waitFor();
  await receiver.locator('[data-action="toggle"]').click();
  await receiver.locator('[data-player-status="playing"]').waitFor();
});
