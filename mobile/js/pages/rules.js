// A receiver's house rules (extras: {deviceId}): the weekly quiet-time editor, volume caps,
// the daily limit, bedtime, bonus time. A change made on another phone shows here at once, or
// when the socket comes back if it was down.
import { api } from '../api.js';
import { boot } from '../boot.js';
import { EVENTS, on } from '../events.js';
import { crossesMidnight, DAY_NAMES, quietTimeFrom, rowsFrom } from '../rules-week.js';
import { $, $$, el, loadInto, onAction, replace } from '../ui.js';

let deviceId = null;
let shown = null;  // the DeviceRules last received

function dayRow(row) {
  return el('li', { class: 'mui-table-view-cell tc-rule-day', 'data-rule-day': row.day },
    el('label', { class: 'tc-rule-check' },
      el('input', { type: 'checkbox', 'data-rule-on': '', checked: row.on }),
      ` ${DAY_NAMES[row.day]}`),
    el('input', { type: 'time', 'data-rule-start': '', value: row.start,
      'aria-label': `${DAY_NAMES[row.day]} quiet time starts` }),
    el('input', { type: 'time', 'data-rule-end': '', value: row.end,
      'aria-label': `${DAY_NAMES[row.day]} quiet time ends` }),
    el('span', { class: 'tc-muted', 'data-rule-next-day': '',
      text: crossesMidnight(row) ? 'next day' : '' }));
}

function field(label, input) {
  return el('li', { class: 'mui-table-view-cell' }, el('label', {}, label, input));
}

function status(now) {
  if (now.quiet && now.bonus) return 'Bonus time';
  if (now.quiet) return 'Quiet time';
  if (now.limit_reached) return 'Today\'s listening is used up';
  return `Listened today: ${Math.round(now.listened_seconds / 60)} min`;
}

function render(data) {
  shown = data;
  const { rules } = data;
  replace($('[data-rules-body]'),
    el('p', { class: 'tc-rule-status', 'data-rules-status': '', text: status(data.now) }),
    el('div', { class: 'tc-actions' },
      ...[15, 30, 60].map((minutes) => el('button', { type: 'button', class: 'mui-btn',
        'data-action': 'bonus', 'data-minutes': String(minutes), text: `+${minutes} min` }))),
    el('h2', { class: 'tc-section-title', text: 'Quiet time' }),
    el('ul', { class: 'mui-table-view', 'data-rules-week': '' },
      ...rowsFrom(rules.quiet_time).map(dayRow)),
    el('h2', { class: 'tc-section-title', text: 'Limits' }),
    el('ul', { class: 'mui-table-view' },
      field('Time zone ', el('input', { type: 'text', 'data-rule-zone': '', value: rules.time_zone })),
      field('Daily limit (minutes, empty for none) ', el('input', { type: 'number', min: '0',
        'data-rule-limit': '', value: rules.daily_limit_minutes ?? '' })),
      field('Volume by day ', el('input', { type: 'range', min: '0', max: '1', step: '0.05',
        'data-rule-volume-day': '', value: String(rules.max_volume.day) })),
      field('Volume at night ', el('input', { type: 'range', min: '0', max: '1', step: '0.05',
        'data-rule-volume-night': '', value: String(rules.max_volume.night) })),
      field('At quiet time ', el('select', { 'data-rule-bedtime': '' },
        el('option', { value: 'fade', text: 'fade out and pause', selected: rules.bedtime.mode === 'fade' }),
        el('option', { value: 'track', text: 'play the bedtime track',
          selected: rules.bedtime.mode === 'track', disabled: !rules.bedtime.track_ids.length })))),
    el('p', { class: 'tc-rule-error', 'data-rules-error': '', hidden: true }),
    el('div', { class: 'tc-actions' }, el('button', { type: 'button', class: 'mui-btn mui-btn-primary',
      'data-action': 'save', text: 'Save rules' })));
  $$('[data-rule-day]').forEach((row) => row.addEventListener('change', () => {
    const next = row.querySelector('[data-rule-end]').value <= row.querySelector('[data-rule-start]').value;
    row.querySelector('[data-rule-next-day]').textContent = next ? 'next day' : '';
  }));
}

function readForm() {
  const rows = $$('[data-rule-day]').map((row) => ({ day: row.dataset.ruleDay,
    on: row.querySelector('[data-rule-on]').checked,
    start: row.querySelector('[data-rule-start]').value,
    end: row.querySelector('[data-rule-end]').value }));
  const limit = $('[data-rule-limit]').value.trim();
  return { ...shown.rules, quiet_time: quietTimeFrom(rows),
    time_zone: $('[data-rule-zone]').value.trim(),
    daily_limit_minutes: limit === '' ? null : Number(limit),
    max_volume: { day: Number($('[data-rule-volume-day]').value),
      night: Number($('[data-rule-volume-night]').value) },
    bedtime: { ...shown.rules.bedtime, mode: $('[data-rule-bedtime]').value } };
}

async function save() {
  const error = $('[data-rules-error]');
  try {
    render(await api.putRules(deviceId, readForm()));
    mui.toast('Rules saved');
  } catch (failure) {
    // 422 names each bad field: show them beside the form.
    const fields = failure.details?.fields;
    error.textContent = fields ? Object.entries(fields).map(([k, v]) => `${k} ${v}`).join('; ')
      : failure.message;
    error.hidden = false;
  }
}

async function bonus(node) {
  render(await api.bonus(deviceId, Number(node.dataset.minutes)));
  mui.toast(`${node.dataset.minutes} minutes of bonus time`);
}

function load() {
  return loadInto($('[data-rules-body]'), () => api.rules(deviceId, { quiet: true }), render,
    "Couldn't load the rules");
}

async function main() {
  const self = await boot();
  deviceId = self.deviceId;
  onAction(document.body, { save, bonus: (node) => bonus(node).catch(() => {}), retry: load });
  on(EVENTS.DEVICE_RULES, (data) => {
    if (data.device_id !== deviceId) return;
    render(data);
    document.body.dataset.rulesUpdated = String(Date.now());
  });
  // A change saved while the socket was down never comes as device.rules: read the rules
  // again, or a save from this page would write the stale form over it.
  on(EVENTS.SOCKET_STATUS, ({ status }) => {
    if (status === 'open' && shown) api.rules(deviceId, { quiet: true }).then(render, () => {});
  });
  await load();
  document.body.dataset.ready = 'true';
}

main();
