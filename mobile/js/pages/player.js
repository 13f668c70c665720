// Full player: cover, seek bar, previous / play-pause / next, and the queue.
import { boot } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { setIcon } from '../icons.js';
import { $, el, formatTime, onAction, replace, setCover, stateView, trackRow } from '../ui.js';

let dragging = false;
let shownTrackId = null;

function build() {
  const seek = el('input', { type: 'range', min: '0', max: '0', step: '0.1', value: '0',
    'aria-label': 'Position', 'data-seek': '' });
  const body = el('div', {},
    el('div', { class: 'tc-hero' },
      el('img', { class: 'tc-cover tc-cover-empty', alt: '', 'data-player-cover': '' }),
      el('h2', { 'data-player-title': '' }),
      el('p', { class: 'mui-ellipsis', 'data-player-artist': '' })),
    el('div', { class: 'tc-seek' }, seek,
      el('div', { class: 'tc-times' }, el('span', { 'data-position': '', text: '0:00' }),
        el('span', { 'data-duration': '', text: '0:00' }))),
    el('div', { class: 'tc-transport' },
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'prev', 'aria-label': 'Previous' }),
      el('button', { type: 'button', class: 'tc-icon-btn tc-play', 'data-action': 'toggle', 'data-toggle': '',
        'aria-label': 'Play or pause' }),
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'next', 'aria-label': 'Next' })),
    el('h2', { class: 'tc-section-title', text: 'Queue' }),
    el('ul', { class: 'mui-table-view', 'data-queue': '' }));
  replace($('[data-player-body]'), body);
  setIcon($('[data-action="prev"]'), 'prev');
  setIcon($('[data-action="next"]'), 'next');
  seek.addEventListener('input', () => {
    dragging = true;
    $('[data-position]').textContent = formatTime(Number(seek.value));
  });
  seek.addEventListener('change', () => {
    dragging = false;
    toMain(EVENTS.PLAYER_COMMAND, { action: 'seek', position: Number(seek.value) });
  });
}

function render(state) {
  const { track, status, position, duration, queue, index } = state;
  if (!track) {
    replace($('[data-player-body]'), stateView({ icon: 'info', title: 'Nothing is playing',
      message: 'Pick something in the Library.' }));
    shownTrackId = null;
    return;
  }
  if (!$('[data-seek]')) build();
  document.body.dataset.status = status;
  if (shownTrackId !== track.id) {
    shownTrackId = track.id;
    setCover($('[data-player-cover]'), track, 'full');
    $('[data-player-title]').textContent = track.title;
    $('[data-player-artist]').textContent = [track.artist, track.album].filter(Boolean).join(' · ');
  }
  setIcon($('[data-toggle]'), status === 'playing' || status === 'loading' ? 'pause' : 'play');
  const seek = $('[data-seek]');
  seek.max = String(duration || track.duration || 0);
  if (!dragging) {
    seek.value = String(position);
    $('[data-position]').textContent = formatTime(position);
  }
  $('[data-duration]').textContent = formatTime(duration || track.duration);
  if (queue) renderQueue(queue, index);
}

function renderQueue(queue, index) {
  replace($('[data-queue]'), ...queue.map((t, i) => {
    const row = trackRow(t, { action: 'jump', index: i });
    row.classList.toggle('tc-playing', i === index);
    return row;
  }));
}

async function main() {
  await boot();
  onAction(document.body, {
    prev: () => toMain(EVENTS.PLAYER_COMMAND, { action: 'prev' }),
    next: () => toMain(EVENTS.PLAYER_COMMAND, { action: 'next' }),
    toggle: () => toMain(EVENTS.PLAYER_COMMAND, { action: 'toggle' }),
    jump: (node) => toMain(EVENTS.PLAYER_COMMAND, { action: 'jump', index: Number(node.dataset.index) }),
  });
  on(EVENTS.PLAYER_STATE, render);
  toMain(EVENTS.PLAYER_COMMAND, { action: 'state' });
  document.body.dataset.ready = 'true';
}

main();
