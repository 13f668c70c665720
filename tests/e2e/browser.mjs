// Debian's Chromium through playwright-core (no browser download), phone-sized contexts, and
// helpers to reach the host's webviews (iframes named by webview id).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const BASE_URL = process.env.TAPCAST_URL || 'http://127.0.0.1:5000';
export const ARTIFACTS = process.env.TAPCAST_ARTIFACTS || 'test-artifacts';
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
  isMobile: true, hasTouch: true };
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// A fresh Chromium with its own profile directory; close() removes it.
// args: more Chromium switches (a fake microphone, say).
export async function launch({ args = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tapcast-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: [...FLAGS, ...args], ...PHONE });
  const browser = context.browser();
  return {
    context,
    // More isolated sessions (a second phone, a receiver) in the same browser process.
    async newContext(options = {}) {
      return browser ? browser.newContext({ ...PHONE, ...options }) : context;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Open the app in a page and wait for the main webview and its first tab to be ready.
export async function openApp(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${BASE_URL}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await webview(page, 'pages/library.html').locator('body[data-ready="true"]').waitFor();
  return { page, errors };
}

// A webview of the host: the iframe whose name is its id.
export function webview(page, id) {
  return page.frameLocator(`iframe[data-webview="${id}"]`);
}

// A webview opened with mui.openWindow, once it has slid in (taps land where they aim).
export async function opened(page, id) {
  await page.locator(`iframe[data-webview="${id}"][data-visible="true"]:not([data-animating])`)
    .waitFor();
  return webview(page, id);
}

export async function tapTab(page, name) {
  await page.locator(`[data-tab="${name}"]`).tap();
  await page.locator(`iframe[data-webview="pages/${name}.html"][data-visible="true"]`).waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export function uniqueName(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

// Create an account through the Me tab and wait until every tab knows.
export async function signUp(page, username = uniqueName('user'), password = 'a long enough password') {
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-segment="sign-up"]').tap();
  await me.locator('[data-register-username]').fill(username);
  await me.locator('[data-register-password]').fill(password);
  await me.locator('[data-action="sign-up"]').tap();
  await me.locator('body[data-signed-in="true"]').waitFor();
  return { username, password };
}

// Sign in an existing account through the Me tab.
export async function signIn(page, { username, password }) {
  await tapTab(page, 'me');
  const me = webview(page, 'pages/me.html');
  await me.locator('[data-login-username]').fill(username);
  await me.locator('[data-login-password]').fill(password);
  await me.locator('[data-action="sign-in"]').tap();
  await me.locator('body[data-signed-in="true"]').waitFor();
}

// Devices, the receiver's remote, then its House rules page, once the week is drawn.
export async function openRules(page, deviceId) {
  await tapTab(page, 'devices');
  const devices = webview(page, 'pages/devices.html');
  await devices.locator(`[data-device="${deviceId}"] [data-action="open-device"]`).tap();
  const remote = await opened(page, `remote-${deviceId}`);
  await remote.locator('[data-action="rules"]').tap();
  const rules = await opened(page, `rules-${deviceId}`);
  await rules.locator('body[data-ready="true"] [data-rules-week]').waitFor();
  return { remote, rules };
}

// Tracks straight from the API, to know what the app should show.
export async function apiTracks(query = {}) {
  const response = await fetch(`${BASE_URL}/api/v1/tracks?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200);
  return response.json();
}
