// The Family page opens a member's listening report: a parent taps the child's row and the
// Listening page shows that child's last 14 days; the child sees the button on their own row
// only (the server refuses them anyone else's).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, apiTracks, launch, opened, openApp, signUp, tapTab, uniqueName, webview }
  from './browser.mjs';

let browser;
let parent;

async function api(method, path, token, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { method,
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body) });
  return response.json();
}

async function openFamily(page) {
  await tapTab(page, 'me');
  await webview(page, 'pages/me.html').locator('[data-action="open-family"]').tap();
  const family = await opened(page, 'family');
  await family.locator('body[data-loaded="true"]').waitFor();
  return family;
}

before(async () => {
  browser = await launch();
  parent = await openApp(browser.context);
});
after(async () => browser?.close());

test("a member row of the Family page opens that member's listening report", async () => {
  await signUp(parent.page, uniqueName('mum'));
  const parentToken = await parent.page.evaluate(() => plus.storage.getItem('tapcast.token'));
  const { code } = await api('POST', '/household/invites', parentToken, { role: 'child' });
  const child = await api('POST', '/auth/register', null,
    { username: uniqueName('kid'), password: 'a long enough password' });
  await api('POST', '/household/join', child.token, { code });
  const track = (await apiTracks({ sort: 'title' })).items[0];
  await api('POST', '/me/history', child.token, { track_id: track.id, position: 3 });

  const family = await openFamily(parent.page);
  const row = family.locator(`[data-member="${child.user.id}"]`);
  await row.locator('[data-action="member-report"]').tap();
  const report = await opened(parent.page, `report-member-${child.user.id}`);
  await report.locator(`body[data-ready="true"][data-member-id="${child.user.id}"]`).waitFor();
  assert.equal(await report.locator('[data-report-chart] [data-day]').count(), 14);
  assert.match(await report.locator('[data-page-title]').textContent(), new RegExp(child.user.username));
  await report.locator('[data-report-timeline]', { hasText: 'Nothing was played' }).waitFor();
  assert.deepEqual(parent.errors, []);
});
