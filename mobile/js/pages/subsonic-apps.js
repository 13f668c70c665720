// Me › Subsonic apps: API keys for players like Symfonium (create, list, revoke), the
// receiver Subsonic's jukebox drives, and the data saver (audio transcoded to 64 kb/s).
import { api } from '../api.js';
import { dataSaver, setDataSaver } from '../settings.js';
import { $, el, replace } from '../ui.js';

function keyRow(key) {
  return el('li', { class: 'mui-table-view-cell', 'data-subsonic-key': key.id },
    el('span', { text: `${key.name} (…${key.hint})` }),
    el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
      'data-action': 'revoke-subsonic-key', 'data-key-id': key.id, text: 'Revoke' }));
}

function jukeboxChoice(devices, chosen) {
  const select = el('select', { 'data-jukebox-device': '', 'aria-label': 'Jukebox receiver' },
    el('option', { value: '', text: 'None' }));
  for (const device of devices) {
    const option = el('option', { value: device.id, text: device.name });
    option.selected = device.id === chosen;
    select.append(option);
  }
  select.addEventListener('change', () =>
    api.updateMe({ jukebox_device_id: select.value || null })
      .then(() => mui.toast('Jukebox saved')).catch(() => {}));
  return select;
}

function saverToggle() {
  const box = el('input', { type: 'checkbox', id: 'data-saver', 'data-data-saver': '' });
  box.checked = dataSaver();
  box.addEventListener('change', () => setDataSaver(box.checked));
  return el('div', { class: 'mui-input-row tc-field' },
    el('label', { for: 'data-saver', text: 'Data saver (64 kb/s)' }), box);
}

export async function renderSubsonicApps(container) {
  const [keys, me, devices] = await Promise.all([api.subsonicKeys({ quiet: true }),
    api.me({ quiet: true }), api.devices({ quiet: true })]);
  replace(container,
    el('h2', { class: 'tc-section-title', text: 'Subsonic apps' }),
    el('p', { class: 'tc-note', text: 'Players such as Symfonium or DSub sign in with a key ' +
      '(“API key”), made here once per app; the server address is this one.' }),
    el('ul', { class: 'mui-table-view', 'data-subsonic-keys': '' }, ...keys.items.map(keyRow)),
    el('div', { class: 'tc-form' },
      el('div', { class: 'mui-input-row tc-field' },
        el('label', { for: 'subsonic-key-name', text: 'App' }),
        el('input', { id: 'subsonic-key-name', type: 'text', placeholder: 'Symfonium',
          'data-subsonic-key-name': '' })),
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-block',
        'data-action': 'create-subsonic-key', text: 'Create key' }),
      el('p', { class: 'tc-note', 'data-new-subsonic-key': '', 'aria-live': 'polite' }),
      el('div', { class: 'mui-input-row tc-field' },
        el('label', { text: 'Jukebox' }), jukeboxChoice(devices.items, me.jukebox_device_id)),
      saverToggle()));
}

export async function createSubsonicKey(container) {
  const name = $('[data-subsonic-key-name]', container).value.trim() || 'Subsonic app';
  const made = await api.createSubsonicKey(name);
  await renderSubsonicApps(container);
  $('[data-new-subsonic-key]', container).textContent =
    `Key for ${made.name} (shown once): ${made.key}`;
}

export async function revokeSubsonicKey(container, id) {
  await api.revokeSubsonicKey(id);
  await renderSubsonicApps(container);
}
