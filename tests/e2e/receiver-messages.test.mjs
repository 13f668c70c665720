// The receiver page and its messages, driven through the API as a phone would: a text is
// shown, a voice clip waits for a tap when that is the setting or music is playing, the music
// pauses for it and resumes after, and a track commanded meanwhile waits until it has played.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, uniqueName } from './browser.mjs';

let browser;
let receiver;
let owner;
let deviceId;
const scratch = mkdtempSync(join(tmpdir(), 'tapcast-clips-'));

async function call(method, path, { body, form, token = owner } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${BASE_URL}${path}`, { method, headers,
    body: form || (body && JSON.stringify(body)) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

function toneClip(seconds) {
  const path = join(scratch, `tone-${seconds}.wav`);
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=523:duration=${seconds}`,
    '-y', path]);
  const form = new FormData();
  form.append('audio', new Blob([readFileSync(path)]), 'tone.wav');
  return form;
}

before(async () => {
  browser = await launch({ args: ['--autoplay-policy=no-user-gesture-required'] });
  const context = await browser.newContext({ viewport: { width: 800, height: 700 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  receiver = await context.newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  const signUp = await fetch(`${BASE_URL}/api/v1/auth/register`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: uniqueName('parent'), password: 'a long enough password' }) });
  owner = (await signUp.json()).token;
  const code = (await receiver.locator('[data-pairing-code]').textContent()).trim();
  deviceId = (await call('POST', '/api/v1/devices/pair', { body: { code, name: 'Toy' } })).body.id;
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('a text from the phone is shown until it is acknowledged', async () => {
  const sent = await call('POST', `/api/v1/conversations/${deviceId}/messages`,
    { body: { text: 'Brush your teeth' } });
  assert.equal(sent.status, 201);
  await receiver.locator('[data-message-text]', { hasText: 'Brush your teeth' }).waitFor();
  await receiver.locator('[data-action="message-done"]').click();
  await receiver.locator('[data-message-text]').waitFor({ state: 'hidden' });
  const summary = await call('GET', `/api/v1/conversations/${deviceId}`);
  assert.equal(summary.body.unread, 0);
});

test('a clip waits for a tap while music plays, and a queued track waits for the clip', async () => {
  const tracks = (await apiTracks({ per_page: 50 })).items;
  const [music, next] = tracks.sort((a, b) => b.duration - a.duration);
  await receiver.locator('[data-setting="autoplay-messages"]').uncheck();
  await call('POST', `/api/v1/devices/${deviceId}/commands`,
    { body: { action: 'play', track_ids: [music.id] } });
  await receiver.locator('[data-player-status="playing"]').waitFor();
  await call('POST', `/api/v1/conversations/${deviceId}/messages`, { form: toneClip(2) });
  await receiver.locator('[data-unread-count]', { hasText: '1' }).waitFor();
  assert.equal(await receiver.locator('[data-player-status]').getAttribute('data-player-status'),
    'playing');
  await receiver.locator('[data-action="play-message"]').click();
  await receiver.locator('[data-message-status="playing"]').waitFor();
  await receiver.locator('[data-player-status="paused"]').waitFor();
  await receiver.evaluate(() => {
    // What the page shows, in the order it changes.
    window.seen = [];
    const watch = (hook, read, options) => new MutationObserver(() => window.seen.push(read()))
      .observe(document.querySelector(`[${hook}]`), options);
    watch('data-now-playing', () => `track:${document.querySelector('[data-now-playing]').dataset.trackId}`,
      { attributes: true, attributeFilter: ['data-track-id'] });
    watch('data-message-status', () => `message:${document.querySelector('[data-message-status]')
      .dataset.messageStatus}`, { attributes: true });
  });
  await call('POST', `/api/v1/devices/${deviceId}/commands`,
    { body: { action: 'play', track_ids: [next.id] } });
  await receiver.locator('[data-message-status="played"]').waitFor();
  await receiver.locator(`[data-now-playing][data-track-id="${next.id}"]`).waitFor();
  await receiver.locator('[data-player-status="playing"]').waitFor();
  const seen = await receiver.evaluate(() => window.seen);
  assert.ok(seen.includes('message:played'), seen.join(' '));
  assert.ok(seen.indexOf('message:played') < seen.indexOf(`track:${next.id}`), seen.join(' '));
  assert.ok(Number(await receiver.locator('[data-receiver]').getAttribute('data-message-chimes')) >= 2);
});
