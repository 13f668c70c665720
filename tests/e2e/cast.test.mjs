// Casting like Spotify Connect: the phone's queue moves to a receiver, the mini-player becomes
// its remote (device name, title, a position that advances smoothly), Next works on the sent
// list, "This phone" takes it back at the receiver's position, and a reloaded receiver shows
// what was playing, paused, without starting by itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, opened, openApp, screenshot, signUp, tapTab, webview } from './browser.mjs';

let browser;
let app;
let receiver;
let tracks;
let token;
let deviceId;

const state = () => app.page.evaluate(() => ({ ...window.tapcast.player.snapshot(), queue: undefined }));
const receiverAudio = () => receiver.evaluate(() => {
  const audio = document.querySelector('[data-audio]');
  return { paused: audio.paused, time: audio.currentTime };
});

async function call(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, { method, body: body && JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  tracks = (await apiTracks({ per_page: 50, sort: 'title' })).items;
  const speaker = await browser.newContext({ viewport: { width: 800, height: 900 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  receiver = await speaker.newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  await receiver.mouse.click(5, 5);  // the person who set the speaker up clicked once
  await signUp(app.page);
  token = await app.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  const paired = await call('POST', '/api/v1/devices/pair', { code, name: 'Kids room' });
  assert.equal(paired.status, 200);
  deviceId = paired.body.id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});
after(async () => browser?.close());

test('choosing a receiver moves the queue there and the mini-player becomes its remote', async () => {
  await tapTab(app.page, 'library');
  const library = webview(app.page, 'pages/library.html');
  await library.locator('[data-list-end]').scrollIntoViewIfNeeded();
  await library.locator('[data-list-end]', { hasText: `${tracks.length} tracks` }).waitFor();
  await library.locator(`[data-track="${tracks[0].id}"] [data-action="play-track"]`).tap();
  await app.page.waitForFunction(() => window.tapcast.player.status === 'playing');
  await app.page.locator('[data-mini-cast]').tap();
  await app.page.locator('[data-host-dialog] [data-host-button]', { hasText: 'Kids room' }).tap();
  const playing = receiver.locator(`[data-now-playing][data-track-id="${tracks[0].id}"]`);
  await playing.locator('[data-track-title]', { hasText: tracks[0].title }).waitFor();
  await receiver.locator('[data-player-status="playing"]').waitFor();
  const shown = await receiver.locator('[data-receiver]').innerText();
  assert.ok(!shown.includes(tracks[0].id), 'the receiver never shows a track id');
  await receiver.locator('[data-track-cover]:not([hidden])').waitFor();
  assert.ok(await receiver.locator('[data-track-cover]').evaluate((img) => img.naturalWidth > 0));
  // The phone is silent and shows the receiver.
  const phone = await state();
  assert.equal(phone.status, 'paused');
  assert.equal(await app.page.evaluate(() => window.tapcast.player.audio), null);
  await app.page.locator('[data-mini-player][data-mode="remote"]').waitFor();
  await app.page.locator('[data-mini-device]', { hasText: 'Playing on Kids room' }).waitFor();
  await app.page.locator('[data-mini-title]', { hasText: tracks[0].title }).waitFor();
  await screenshot(app.page, 'cast-mini-remote');
  await receiver.screenshot({ path: `${process.env.TAPCAST_ARTIFACTS || 'test-artifacts'}/receiver-playing.png` });
});

test("the remote's position advances smoothly between the receiver's reports", async () => {
  await call('POST', `/api/v1/devices/${deviceId}/commands`, { action: 'seek', position: 0 });
  await app.page.locator('[data-mini-player][data-status="playing"]').waitFor();
  const samples = await app.page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    const timer = setInterval(() => {
      seen.push(Number(document.querySelector('[data-mini-progress]').dataset.position));
      if (seen.length === 16) { clearInterval(timer); resolve(seen); }
    }, 100);
  }));
  const distinct = new Set(samples).size;
  // Reports come on events and every 5 s: a remote that only showed them would hold one or
  // two values over these 1.6 s.
  assert.ok(distinct >= 8, `positions shown: ${samples}`);
  const steps = samples.slice(1).map((p, i) => p - samples[i]).filter((s) => s > 0);
  assert.ok(Math.max(...steps) < 1, `no jump of a second or more: ${samples}`);
});

test('the player page is the remote too: device, title, a moving position, Play here', async () => {
  await call('POST', `/api/v1/devices/${deviceId}/commands`, { action: 'seek', position: 0 });
  await app.page.locator('[data-mini-player] [data-action="open-player"]').tap();
  const player = await opened(app.page, 'player');
  await player.locator('body[data-mode="remote"]').waitFor();
  await player.locator('[data-player-device]', { hasText: 'Playing on Kids room' }).waitFor();
  await player.locator('[data-player-title]', { hasText: tracks[0].title }).waitFor();
  await player.locator('[data-action="play-here"]:not([hidden])').waitFor();
  // The phone's own controls (queue, repeat, shuffle, sleep) are not the receiver's.
  for (const action of ['open-queue', 'repeat', 'shuffle', 'sleep']) {
    assert.equal(await player.locator(`[data-action="${action}"]`).isHidden(), true, action);
  }
  await player.locator('body[data-status="playing"]').waitFor();
  const seconds = () => player.locator('[data-position]').getAttribute('data-seconds').then(Number);
  const first = await seconds();
  await app.page.waitForTimeout(600);
  const later = await seconds();
  assert.ok(later > first && later - first < 1.5, `${first} -> ${later}`);
  await screenshot(app.page, 'cast-player-remote');
  await player.locator('.mui-action-back').tap();
  await app.page.locator('iframe[data-webview="player"]').waitFor({ state: 'detached' });
});

test('Next on the remote plays the next track of the list that was sent', async () => {
  // Paused, the receiver cannot move on by itself between reading its place and the tap.
  await call('POST', `/api/v1/devices/${deviceId}/commands`, { action: 'pause' });
  await app.page.locator('[data-mini-player][data-status="paused"]').waitFor();
  const { index } = (await call('GET', `/api/v1/devices/${deviceId}`)).body.queue;
  const next = tracks[index + 1];
  await app.page.locator('[data-mini-next]:not([disabled])').tap();
  await receiver.locator(`[data-now-playing][data-track-id="${next.id}"]`).waitFor();
  await app.page.locator('[data-mini-title]', { hasText: next.title }).waitFor();
  const device = await call('GET', `/api/v1/devices/${deviceId}`);
  assert.deepEqual(device.body.queue.track_ids, tracks.map((t) => t.id));
});

test('reopened, the app is still the remote of the receiver', async () => {
  await app.page.reload();
  await app.page.waitForSelector('body[data-ready="true"]');
  await app.page.locator('[data-mini-player][data-mode="remote"]').waitFor();
  await app.page.locator('[data-mini-device]', { hasText: 'Playing on Kids room' }).waitFor();
  const current = (await call('GET', `/api/v1/devices/${deviceId}`)).body;
  const title = tracks.find((t) => t.id === current.state.track_id).title;
  await app.page.locator('[data-mini-title]', { hasText: title }).waitFor();
  assert.equal(await app.page.evaluate(() => window.tapcast.player.audio), null);
  // The snapshot in hello may be seconds old; the shown position counts from when it was true.
  await app.page.locator('[data-mini-player][data-status="playing"]').waitFor();
  const shown = Number(await app.page.locator('[data-mini-progress]').getAttribute('data-position'));
  const actual = (await receiverAudio()).time;
  assert.ok(Math.abs(shown - actual) < 1.5, `shown ${shown}, receiver at ${actual}`);
});

test('"This phone" brings the queue back at the receiver\'s position', async () => {
  await receiver.locator('[data-player-status="playing"]').waitFor();
  await app.page.locator('[data-mini-cast]').tap();
  await app.page.locator('[data-host-dialog] [data-host-button]', { hasText: 'This phone' }).tap();
  await receiver.locator('[data-player-status="paused"]').waitFor();
  const left = await receiverAudio();
  await app.page.waitForFunction(() => window.tapcast.player.status === 'playing');
  const phone = await state();
  const current = (await call('GET', `/api/v1/devices/${deviceId}`)).body.queue;
  assert.equal(phone.track.id, current.track_ids[current.index]);
  assert.equal(phone.index, current.index);
  const position = await app.page.evaluate(() => window.tapcast.player.audio.getPosition());
  assert.ok(position >= left.time - 0.6, `phone at ${position}, receiver stopped at ${left.time}`);
  await app.page.locator('[data-mini-player][data-mode="local"]').waitFor();
  assert.equal(await app.page.locator('[data-mini-device]').isHidden(), true);
  await app.page.locator('[data-mini-toggle]').tap();
});

test('a reloaded receiver shows what was playing, paused, and does not start by itself', async () => {
  const longest = tracks.reduce((a, b) => (b.duration > a.duration ? b : a));
  await call('POST', `/api/v1/devices/${deviceId}/commands`, { action: 'play', track_ids: [longest.id] });
  await receiver.locator(`[data-now-playing][data-track-id="${longest.id}"]`).waitFor();
  await receiver.waitForFunction(() => document.querySelector('[data-audio]').currentTime > 1);
  await receiver.reload();
  await receiver.locator('[data-connection="online"]').waitFor();
  await receiver.locator(`[data-now-playing][data-track-id="${longest.id}"] [data-track-title]`,
    { hasText: longest.title }).waitFor();
  await receiver.locator('[data-player-status="paused"]').waitFor();
  // The last position comes back once the audio's metadata has loaded, after the status:
  // sampled before that, the seek to it looked like playing (seen on a loaded machine).
  await receiver.waitForFunction(() => document.querySelector('[data-audio]').currentTime > 0.5);
  const first = await receiverAudio();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const later = await receiverAudio();
  assert.equal(later.paused, true);
  assert.equal(later.time, first.time);
  assert.ok(later.time > 0.5, `kept the last position: ${later.time}`);
  const device = (await call('GET', `/api/v1/devices/${deviceId}`)).body;
  assert.equal(device.state.status, 'paused');
  assert.deepEqual(app.errors, []);
});
