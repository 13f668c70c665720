// Me tab: sign in, sign up, sign out, the family, and the server address (adults).
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { broadcast, EVENTS, on } from '../events.js';
import { clearSession, currentUser, parseServerUrl, saveSession, serverUrl,
  setServerUrl } from '../settings.js';
import { $, el, onAction, replace } from '../ui.js';
import { createSubsonicKey, renderSubsonicApps, revokeSubsonicKey } from './subsonic-apps.js';

// A labelled input with its own line for the server's message about it (data-field-error).
function field(form, name, label, attrs) {
  const id = `${form}-${name}`;
  return el('div', { class: 'mui-input-row tc-field' }, el('label', { for: id, text: label }),
    el('input', { id, name, class: 'mui-input-clear', 'aria-describedby': `${id}-error`, ...attrs }),
    el('p', { id: `${id}-error`, class: 'tc-field-error', 'data-field-error': name,
      'aria-live': 'polite' }));
}

function signedOutView() {
  return el('div', {},
    el('div', { style: 'padding: 10px 10px 0' }, el('div', { class: 'mui-segmented-control' },
      el('a', { class: 'mui-control-item mui-active', href: '#sign-in', 'data-segment': 'sign-in', text: 'Sign in' }),
      el('a', { class: 'mui-control-item', href: '#sign-up', 'data-segment': 'sign-up', text: 'Sign up' }))),
    el('div', { id: 'sign-in', class: 'mui-control-content mui-active' },
      el('form', { class: 'tc-form mui-input-group', 'data-login-form': '' },
        field('login', 'username', 'Username', { type: 'text', autocomplete: 'username',
          autocapitalize: 'none', 'data-login-username': '' }),
        field('login', 'password', 'Password', { type: 'password',
          autocomplete: 'current-password', 'data-login-password': '' })),
      el('div', { class: 'tc-form' },
        el('p', { class: 'tc-error-text', 'data-form-error': 'login' }),
        el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-block',
          'data-action': 'sign-in', text: 'Sign in' }))),
    el('div', { id: 'sign-up', class: 'mui-control-content' },
      el('form', { class: 'tc-form mui-input-group', 'data-register-form': '' },
        field('register', 'username', 'Username', { type: 'text', autocomplete: 'username',
          autocapitalize: 'none', 'data-register-username': '' }),
        field('register', 'nickname', 'Name', { type: 'text', placeholder: 'optional',
          autocomplete: 'nickname', 'data-register-nickname': '' }),
        field('register', 'password', 'Password', { type: 'password',
          autocomplete: 'new-password', 'data-register-password': '' })),
      el('div', { class: 'tc-form' },
        el('p', { class: 'tc-error-text', 'data-form-error': 'register' }),
        el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-block',
          'data-action': 'sign-up', text: 'Create account' }))));
}

function signedInView(user) {
  return el('div', {},
    el('ul', { class: 'mui-table-view', style: 'margin-top: 10px' },
      el('li', { class: 'mui-table-view-cell mui-media' },
        el('div', { class: 'mui-media-body' },
          el('span', { class: 'tc-title', 'data-user-name': '', text: user.nickname || user.username }),
          el('p', { 'data-user-username': '', text: `@${user.username}` }))),
      el('li', { class: 'mui-table-view-cell' }, el('a', { class: 'mui-navigate-right',
        'data-action': 'open-family', text: 'Family' }))),
    el('div', { 'data-subsonic': '' }),
    el('div', { class: 'tc-form' }, el('button', { type: 'button',
      class: 'mui-btn mui-btn-danger mui-btn-block mui-btn-outlined', 'data-action': 'sign-out',
      text: 'Sign out' })));
}

function render() {
  const user = currentUser();
  document.body.dataset.signedIn = String(Boolean(user));
  replace($('[data-account]'), user ? signedInView(user) : signedOutView());
  $('[data-server-url]').value = serverUrl();
  if (user) renderSubsonicApps($('[data-subsonic]')).catch(() => {});
}

// The form's message, and the server's message beside each field it names (422 details).
function showFormError(form, message, fields = {}) {
  const node = $(`[data-form-error="${form}"]`);
  if (node) node.textContent = message || '';
  for (const line of document.querySelectorAll(`[data-${form}-form] [data-field-error]`)) {
    const text = fields[line.dataset.fieldError] || '';
    line.textContent = text;
    line.previousElementSibling.setAttribute('aria-invalid', String(Boolean(text)));
  }
}

async function authenticate(form, call, body) {
  showFormError(form, '');
  if (!body.username || !body.password) { showFormError(form, 'Enter a username and a password.'); return; }
  try {
    saveSession(await call(body));
  } catch (error) {
    showFormError(form, error.message, error.details?.fields);
    return;
  }
  render();
  broadcast(EVENTS.AUTH_CHANGED, { user: currentUser() });
  mui.toast(`Welcome, ${currentUser().nickname || currentUser().username}`);
}

async function signOut() {
  await api.logout().catch(() => {});  // the local session ends even if the server is away
  clearSession();
  render();
  broadcast(EVENTS.AUTH_CHANGED, { user: null });
  mui.toast('Signed out');
}

function setStatus(text, isError) {
  const node = $('[data-server-status]');
  node.textContent = text;
  node.classList.toggle('tc-error-text', Boolean(isError));
  node.dataset.serverState = isError ? 'error' : 'ok';
}

async function saveServer(raw) {
  let url = '';
  try {
    url = raw === null ? '' : parseServerUrl(raw);
  } catch (error) {
    setStatus(error.message, true);
    mui.toast(error.message);
    return;
  }
  setServerUrl(url);
  $('[data-server-url]').value = serverUrl();
  broadcast(EVENTS.SERVER_CHANGED, { url: serverUrl() });
  setStatus(`Checking ${serverUrl()}…`, false);
  try {
    const health = await api.health({ quiet: true });
    setStatus(`Connected to Tapcast ${health.version || ''} at ${serverUrl()}`, false);
  } catch (error) {
    setStatus(error.message, true);
  }
}

async function main() {
  await boot();
  onAction(document.body, {
    'sign-in': () => authenticate('login', api.login, {
      username: $('[data-login-username]').value.trim(), password: $('[data-login-password]').value }),
    'sign-up': () => authenticate('register', api.register, {
      username: $('[data-register-username]').value.trim(),
      password: $('[data-register-password]').value,
      ...($('[data-register-nickname]').value.trim()
        ? { nickname: $('[data-register-nickname]').value.trim() } : {}) }),
    'sign-out': signOut,
    'open-family': () => openPage('family.html', 'family'),
    'save-server': () => saveServer($('[data-server-url]').value),
    'reset-server': () => saveServer(null),
    'create-subsonic-key': () => createSubsonicKey($('[data-subsonic]')).catch(() => {}),
    'revoke-subsonic-key': (target) =>
      revokeSubsonicKey($('[data-subsonic]'), target.dataset.keyId).catch(() => {}),
  });
  on(EVENTS.AUTH_CHANGED, render);
  render();
  document.body.dataset.ready = 'true';
}

main();
