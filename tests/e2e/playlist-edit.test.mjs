// A playlist is renamed and reordered in the app; a reorder that lost a race (409 on the
// playlist's version) says so and shows the order the server has.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiTracks, BASE_URL, launch, opened, openApp, signUp } from './browser.mjs';

let browser;
let app;
let token;
let playlist;

async function call(method, path, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body && JSON.stringify(body) });
  return response.json();
}

const shownOrder = (view) => view.locator('[data-track]').evaluateAll((rows) =>
  rows.map((row) => row.dataset.track));

before(async () => {
  browser = await launch();
  app = await openApp(browser.context);
  await signUp(app.page);
  token = await app.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const tracks = (await apiTracks({ per_page: 3, sort: 'title' })).items.map((t) => t.id);
  playlist = await call('POST', '/playlists', { name: 'Car trip' });
  playlist = await call('POST', `/playlists/${playlist.id}/tracks`, { track_ids: tracks });
  await app.page.evaluate((id) => mui.openWindow({ url: 'pages/playlist.html',
    id: `playlist-${id}`, extras: { playlistId: id } }), playlist.id);
});
after(async () => browser?.close());

test('move down puts a track one place later, here and on the server', async () => {
  const view = await opened(app.page, `playlist-${playlist.id}`);
  await view.locator('[data-track]').nth(2).waitFor();
  const [first, second, third] = playlist.track_ids;
  await view.locator(`[data-track="${first}"] [data-action="move-down"]`).tap();
  await view.locator(`[data-track]:first-child[data-track="${second}"]`).waitFor();
  assert.deepEqual(await shownOrder(view), [second, first, third]);
  assert.deepEqual((await call('GET', `/playlists/${playlist.id}`)).track_ids, [second, first, third]);
  // The first row cannot move up, the last cannot move down.
  assert.equal(await view.locator(`[data-track="${second}"] [data-action="move-up"]`).isDisabled(), true);
  assert.equal(await view.locator(`[data-track="${third}"] [data-action="move-down"]`).isDisabled(), true);
});

test('a move that raced another device is refused with a message and the server order', async () => {
  const view = await opened(app.page, `playlist-${playlist.id}`);
  const current = await call('GET', `/playlists/${playlist.id}`);
  const elsewhere = [...current.track_ids].reverse();
  // Another phone reorders; this page is kept from hearing of it (the sync event is held
  // back until the user's move), as when the event is still on its way.
  const frame = app.page.frame({ name: `playlist-${playlist.id}` });
  await frame.evaluate(() => {
    window.holdSync = true;
    document.addEventListener('playlist.changed', (e) => {
      if (window.holdSync) e.stopImmediatePropagation();
    }, true);
  });
  await call('PUT', `/playlists/${playlist.id}/order`, { track_ids: elsewhere, version: current.version });
  await app.page.waitForTimeout(1000);
  await frame.evaluate(() => { window.holdSync = false; });
  await view.locator(`[data-track="${current.track_ids[0]}"] [data-action="move-down"]`).tap();
  await app.page.locator('[data-host-toast]', { hasText: 'changed on another device' }).waitFor();
  await view.locator(`[data-track]:first-child[data-track="${elsewhere[0]}"]`).waitFor();
  assert.deepEqual(await shownOrder(view), elsewhere);
});

test('rename asks for the new name and shows it', async () => {
  const view = await opened(app.page, `playlist-${playlist.id}`);
  await view.locator('[data-action="rename"]').tap();
  await app.page.locator('[data-host-dialog] [data-host-input]').fill('Long car trip');
  await app.page.locator('[data-host-dialog] [data-host-button="0"]').tap();
  await view.locator('[data-page-title]', { hasText: 'Long car trip' }).waitFor();
  assert.equal((await call('GET', `/playlists/${playlist.id}`)).name, 'Long car trip');
});
