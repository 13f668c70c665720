// What a receiver played (extras: {deviceId}) or a household member heard on their own player
// (extras: {memberId, memberName}, from the Family page): a chart of the last 14 days and, for
// the day tapped, a timeline of what played when and when the house rules stopped it.
import { api } from '../api.js';
import { boot } from '../boot.js';
import { barHeights } from '../rules-week.js';
import { $, el, formatTime, loadInto, onAction, replace } from '../ui.js';

const REASONS = { quiet_time: 'Stopped: quiet time', limit_reached: 'Stopped: daily limit' };
let fetchReport = null;
let report = null;

function localClock(iso, timeZone) {
  return new Date(iso).toLocaleTimeString([], { timeZone, hour: '2-digit', minute: '2-digit' });
}

function chart(days) {
  const heights = barHeights(days);
  return el('div', { class: 'tc-report-chart', 'data-report-chart': '', role: 'list' },
    ...days.map((day, n) => el('button', { type: 'button', class: 'tc-report-bar', role: 'listitem',
      'data-action': 'day', 'data-day': day.day, 'data-minutes': String(day.minutes),
      'aria-label': `${day.day}: ${day.minutes} minutes` },
    el('span', { class: 'tc-report-fill', style: `height:${heights[n]}%` }),
    el('span', { class: 'tc-report-label', text: day.day.slice(8) }))));
}

function timeline(day) {
  const zone = report.time_zone;
  return el('ul', { class: 'mui-table-view', 'data-report-timeline': day.day },
    ...(day.entries.length ? day.entries.map((entry) => el('li', {
      class: 'mui-table-view-cell', 'data-report-entry': entry.kind },
    el('span', { class: 'tc-muted', text: `${localClock(entry.at, zone)} ` }),
    entry.kind === 'play' ? `${entry.title || 'Unknown track'} (${formatTime(entry.seconds)})`
      : REASONS[entry.reason] || entry.reason))
      : [el('li', { class: 'mui-table-view-cell tc-muted', text: 'Nothing was played' })]));
}

function showDay(dayName) {
  const day = report.days.find((d) => d.day === dayName) || report.days.at(-1);
  replace($('[data-report-day]'), el('h2', { class: 'tc-section-title',
    text: `${day.day}: ${day.minutes} min` }), timeline(day));
}

function render(data) {
  report = data;
  replace($('[data-report-body]'), chart(data.days), el('div', { 'data-report-day': '' }));
  showDay(data.days.at(-1).day);
}

function load() {
  return loadInto($('[data-report-body]'), fetchReport, render,
    "Couldn't load the report");
}

async function main() {
  const self = await boot();
  if (self.memberId) {
    fetchReport = () => api.memberReport(self.memberId, { quiet: true });
    $('[data-page-title]').textContent = `Listening: ${self.memberName || 'member'}`;
    document.body.dataset.memberId = self.memberId;
  } else {
    fetchReport = () => api.report(self.deviceId, { quiet: true });
  }
  onAction(document.body, { day: (node) => showDay(node.dataset.day), retry: load });
  await load();
  document.body.dataset.ready = 'true';
}

main();
