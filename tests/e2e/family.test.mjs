// A family in four real browser pages: a parent's phone, a second parent's phone, a child's
// tablet and a receiver. The second parent joins with the code the receiver shows, both see
// it live, the parent invites the child's tablet from the Family page, and the tablet, in
// kid mode, offers only the categories the parent allowed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, opened, openApp, screenshot, signUp, tapTab, uniqueName, webview }
  from './browser.mjs';

let browser;
let parent;
let partner;
let tablet;
let receiver;
let deviceId;

async function tapDialogButton(app, label) {
  await app.page.locator('[data-host-dialog] [data-host-button]', { hasText: label }).tap();
}

async function openFamily(app) {
  await tapTab(app.page, 'me');
  await webview(app.page, 'pages/me.html').locator('[data-action="open-family"]').tap();
  const family = await opened(app.page, 'family');
  await family.locator('body[data-loaded="true"]').waitFor();
  return family;
}

async function apiAs(app, method, path, body) {
  const token = await app.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body && JSON.stringify(body) });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

before(async () => {
  browser = await launch();
  parent = await openApp(browser.context);
  partner = await openApp(await browser.newContext());
  tablet = await openApp(await browser.newContext({ viewport: { width: 800, height: 1100 } }));
  const speaker = await browser.newContext({ viewport: { width: 800, height: 600 },
    isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  receiver = await speaker.newPage();
  await receiver.goto(`${BASE_URL}/receiver/`);
  await receiver.locator('[data-pairing-code]').filter({ hasText: /\S/ }).waitFor();
  await receiver.mouse.click(5, 5);
});
after(async () => browser?.close());

test('the first parent pairs the receiver', async () => {
  await signUp(parent.page, uniqueName('mum'));
  await tapTab(parent.page, 'devices');
  const devices = webview(parent.page, 'pages/devices.html');
  await devices.locator('[data-pair-code]').fill(
    (await receiver.locator('[data-pairing-code]').textContent()).trim());
  await devices.locator('[data-pair-name]').fill('Nursery');
  await devices.locator('[data-action="pair"]').tap();
  const row = devices.locator('[data-device]', { hasText: 'Nursery' });
  await row.waitFor();
  deviceId = await row.getAttribute('data-device');
  await receiver.locator('[data-receiver][data-phase="paired"]').waitFor();
});

test('the second parent joins with the code on the receiver and both see it live', async () => {
  await signUp(partner.page, uniqueName('dad'));
  await receiver.locator('[data-action="show-join-code"]').click();
  const code = (await receiver.locator('[data-join-code]').filter({ hasText: /\S/ })
    .textContent()).trim();
  await tapTab(partner.page, 'devices');
  const devices = webview(partner.page, 'pages/devices.html');
  await devices.locator('[data-pair-code]').fill(code);
  await devices.locator('[data-action="pair"]').tap();
  await partner.page.locator('[data-host-dialog]', { hasText: 'belongs to' }).waitFor();
  await tapDialogButton(partner, 'Join');
  await partner.page.locator('[data-host-toast]', { hasText: 'Welcome to' }).waitFor();
  await devices.locator(`[data-device="${deviceId}"][data-online="true"]`).waitFor();
  // A track started from the first phone plays on the receiver; both phones show it live.
  const track = (await (await fetch(`${BASE_URL}/api/v1/tracks?sort=title`)).json()).items[0];
  const sent = await apiAs(parent, 'POST', `/devices/${deviceId}/commands`,
    { action: 'play', track_ids: [track.id] });
  assert.equal(sent.status, 202);
  await receiver.locator('[data-player-status="playing"]').waitFor();
  for (const app of [parent, partner]) {
    await webview(app.page, 'pages/devices.html')
      .locator(`[data-device="${deviceId}"] [data-device-state]`, { hasText: track.title })
      .waitFor();
  }
  await screenshot(partner.page, 'family-partner-devices');
});

test('the Family page lists both adults and invites the child tablet with a code and QR', async () => {
  const family = await openFamily(parent);
  await family.locator('[data-member][data-role="adult"]').nth(1).waitFor();
  assert.equal(await family.locator('[data-member]').count(), 2);
  await family.locator('[data-action="invite"][data-role="child"]').tap();
  const invite = family.locator('[data-invite][data-role="child"]');
  await invite.waitFor();
  await invite.locator('[data-invite-qr]').evaluate((img) => img.decode());
  const code = (await invite.locator('[data-invite-code]').textContent()).trim();
  await screenshot(parent.page, 'family-invite');

  await signUp(tablet.page, uniqueName('kid'));
  const kidFamily = await openFamily(tablet);
  await kidFamily.locator('[data-join-code]').fill(code);
  await kidFamily.locator('[data-action="join"]').tap();
  await tablet.page.locator('[data-host-toast]', { hasText: 'Welcome to' }).waitFor();
  // The parent's page hears of the newcomer live.
  await family.locator('[data-member][data-role="child"]').waitFor();
});

test('the child tablet is in kid mode and shows only the allowed categories', async () => {
  const family = webview(parent.page, 'family');
  await family.locator('[data-member][data-role="child"] [data-action="edit-categories"]').tap();
  await parent.page.locator('[data-host-dialog] [data-host-input]').fill('Stories, Lullabies');
  await tapDialogButton(parent, 'OK');
  await family.locator('[data-member][data-role="child"] [data-member-role]',
    { hasText: 'Lullabies, Stories' }).waitFor();

  const kid = tablet.page;
  await kid.locator('body[data-kid="true"]').waitFor();
  await webview(kid, 'family').locator('.mui-action-back').tap();
  await kid.locator('iframe[data-webview="family"]').waitFor({ state: 'detached' });
  await tapTab(kid, 'library');
  const library = webview(kid, 'pages/library.html');
  await library.locator('body[data-kid="true"]').waitFor();
  const chips = library.locator('[data-categories] [data-category]');
  // The chips drawn before the edit (with "All") give way to the child's two.
  await library.locator('[data-categories] [data-category=""]').waitFor({ state: 'detached' });
  await library.locator('[data-categories] [data-category="Stories"]').waitFor();
  assert.deepEqual((await chips.evaluateAll((nodes) => nodes.map((n) => n.dataset.category)))
    .sort(), ['Lullabies', 'Stories']);
  await library.locator('[data-track]').first().waitFor();
  const shown = await library.locator('[data-track]').evaluateAll((rows) =>
    rows.map((row) => row.dataset.track));
  const allowed = new Set();
  for (const category of ['Lullabies', 'Stories']) {
    const page = await (await fetch(`${BASE_URL}/api/v1/tracks?category=${category}`)).json();
    page.items.forEach((item) => allowed.add(item.id));
  }
  assert.ok(shown.length > 0 && shown.every((id) => allowed.has(id)), 'only allowed tracks');
  // No settings, no pairing on the tablet; and the server refuses the child adult routes.
  await tapTab(kid, 'me');
  assert.equal(await webview(kid, 'pages/me.html').locator('[data-server-url]').isVisible(), false);
  await tapTab(kid, 'devices');
  await webview(kid, 'pages/devices.html').locator(`[data-device="${deviceId}"]`).waitFor();
  assert.equal(await webview(kid, 'pages/devices.html').locator('[data-pair-form]').isVisible(),
    false);
  const refused = await apiAs(tablet, 'POST', '/household/invites', {});
  assert.equal(refused.status, 403);
  await screenshot(kid, 'family-kid-library');
  for (const app of [parent, partner, tablet]) assert.deepEqual(app.errors, []);
});
