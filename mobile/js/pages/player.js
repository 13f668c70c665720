// Full player: cover, seek bar, transport, repeat, shuffle, sleep timer, casting, the queue.
// When the phone is a remote (casting), the same page shows and controls the receiver.
import { boot, openPage } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { setIcon } from '../icons.js';
import { PositionClock } from '../position.js';
import { $, el, formatTime, onAction, replace, setCover, stateView } from '../ui.js';

const SMOOTH_MS = 100;  // the remote's position redraws this often between reports
const REPEAT_LABELS = { off: 'Repeat: off', all: 'Repeat: all', one: 'Repeat: one' };
let dragging = false;
let shownTrackId = null;
let view = null;
const clock = new PositionClock();  // the remote's position between the receiver's reports

const button = (action, label, attrs = {}) => el('button', { type: 'button', class: 'tc-icon-btn',
  'data-action': action, 'aria-label': label, ...attrs });

function build() {
  const seek = el('input', { type: 'range', min: '0', max: '0', step: '0.1', value: '0',
    'data-seek': '', 'aria-label': 'Position' });
  replace($('[data-player-body]'), el('div', {},
    el('div', { class: 'tc-hero' },
      el('img', { class: 'tc-cover tc-cover-empty', alt: '', 'data-player-cover': '' }),
      el('h2', { 'data-player-title': '' }),
      el('p', { class: 'mui-ellipsis', 'data-player-artist': '' }),
      el('p', { class: 'tc-player-device', 'data-player-device': '', hidden: true })),
    el('div', { class: 'tc-seek' }, seek,
      el('div', { class: 'tc-times' }, el('span', { 'data-position': '', text: '0:00' }),
        el('span', { 'data-duration': '', text: '0:00' }))),
    el('div', { class: 'tc-transport' },
      button('shuffle', 'Shuffle', { 'aria-pressed': 'false', text: '⤮', 'data-local': '' }),
      button('prev', 'Previous'),
      button('toggle', 'Play', { class: 'tc-icon-btn tc-play', 'data-toggle': '' }),
      button('next', 'Next'),
      button('repeat', REPEAT_LABELS.off, { 'data-repeat': 'off', text: '↻', 'data-local': '' })),
    el('div', { class: 'tc-actions tc-player-actions' },
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'sleep', 'data-local': '',
        'data-sleep': 'off', text: 'Sleep timer' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'cast', text: 'Play on…' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'open-queue', 'data-local': '',
        text: 'Queue' }),
      el('button', { type: 'button', class: 'mui-btn mui-btn-primary', 'data-action': 'play-here',
        hidden: true, text: 'Play here' }))));
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

function renderTrack(track, remote) {
  const id = track?.id || '';
  if (shownTrackId === id) return;
  shownTrackId = id;
  setCover($('[data-player-cover]'), track, 'full');
  $('[data-player-title]').textContent = track?.title || (remote ? 'Nothing playing' : '');
  $('[data-player-artist]').textContent = [track?.artist, track?.album].filter(Boolean).join(' · ');
}

function renderPosition() {
  const position = view.mode === 'remote' ? clock.position() : view.position;
  const duration = view.duration || view.track?.duration || 0;
  const seek = $('[data-seek]');
  seek.max = String(duration);
  if (!dragging) {
    seek.value = String(position);
    $('[data-position]').textContent = formatTime(position);
  }
  $('[data-position]').dataset.seconds = position.toFixed(2);
  $('[data-duration]').textContent = formatTime(duration);
}

function renderModes({ repeat, shuffle, sleep }) {
  const repeatButton = $('[data-action="repeat"]');
  repeatButton.dataset.repeat = repeat;
  repeatButton.setAttribute('aria-label', REPEAT_LABELS[repeat]);
  repeatButton.textContent = repeat === 'one' ? '↻1' : '↻';
  repeatButton.classList.toggle('tc-on', repeat !== 'off');
  const shuffleButton = $('[data-action="shuffle"]');
  shuffleButton.setAttribute('aria-pressed', String(Boolean(shuffle)));
  shuffleButton.classList.toggle('tc-on', Boolean(shuffle));
  const sleepButton = $('[data-action="sleep"]');
  sleepButton.dataset.sleep = sleep ? sleep.mode : 'off';
  sleepButton.textContent = !sleep ? 'Sleep timer'
    : sleep.mode === 'track' ? 'Sleep: end of track' : `Sleep in ${formatTime(sleep.remaining)}`;
}

function render(state) {
  view = state;
  const remote = state.mode === 'remote';
  if (!state.track && !remote) {
    replace($('[data-player-body]'), stateView({ icon: 'info', title: 'Nothing is playing',
      message: 'Pick something in the Library.' }));
    shownTrackId = null;
    return;
  }
  if (!$('[data-seek]')) build();
  if (remote) clock.report(state);
  document.body.dataset.status = state.status;
  document.body.dataset.mode = state.mode;
  renderTrack(state.track, remote);
  const device = $('[data-player-device]');
  device.hidden = !remote;
  device.textContent = remote ? `Playing on ${state.device_name}` : '';
  $('[data-action="play-here"]').hidden = !remote;
  document.querySelectorAll('[data-local]').forEach((node) => { node.hidden = remote; });
  const playing = ['playing', 'loading', 'buffering'].includes(state.status);
  const toggle = $('[data-toggle]');
  setIcon(toggle, playing ? 'pause' : 'play');
  toggle.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  $('[data-action="next"]').disabled = !state.has_next;
  renderModes(state);
  renderPosition();
}

async function main() {
  await boot();
  const command = (action, extra = {}) => toMain(EVENTS.PLAYER_COMMAND, { action, ...extra });
  onAction(document.body, {
    prev: () => command('prev'),
    next: () => command('next'),
    toggle: () => command('toggle'),
    repeat: () => command('repeat'),
    shuffle: () => command('shuffle'),
    sleep: () => command('sleep'),
    cast: () => command('cast'),
    'play-here': () => command('play-here'),
    'open-queue': () => openPage('queue.html', 'queue'),
  });
  on(EVENTS.PLAYER_STATE, render);
  setInterval(() => {
    if (view?.mode === 'remote' && view.status === 'playing' && $('[data-seek]')) renderPosition();
  }, SMOOTH_MS);
  command('state');
  document.body.dataset.ready = 'true';
}

main();
