// The queue (opened from the player): play a track, move it up or down, play it next, remove it.
import { boot } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { $, el, onAction, replace, stateView, trackRow } from '../ui.js';

let shownKey = '';

const small = (action, index, label, text) => el('button', { type: 'button',
  class: 'tc-icon-btn tc-queue-btn', 'data-action': action, 'data-index': String(index),
  'aria-label': label, text });

function row(track, index, current, last) {
  const controls = el('span', { class: 'tc-queue-controls' },
    index > current + 1 ? small('play-next', index, `Play ${track.title} next`, '⤴') : null,
    small('up', index, `Move ${track.title} up`, '↑'),
    small('down', index, `Move ${track.title} down`, '↓'),
    small('remove', index, `Remove ${track.title} from the queue`, '✕'));
  const item = trackRow(track, { action: 'jump', index, extra: controls, info: false });
  item.classList.toggle('tc-playing', index === current);
  item.dataset.queueIndex = String(index);
  item.querySelector('[data-action="up"]').disabled = index === 0;
  item.querySelector('[data-action="down"]').disabled = index === last;
  return item;
}

function render({ queue, index, mode }) {
  if (mode === 'remote' || !queue) return;
  const key = `${index}|${queue.map((t) => t.id).join(',')}`;
  if (key === shownKey) return;
  shownKey = key;
  if (!queue.length) {
    replace($('[data-queue-body]'), stateView({ icon: 'list', title: 'The queue is empty',
      message: 'Tap a track in any list to play it and queue the rest.' }));
    return;
  }
  replace($('[data-queue-body]'), el('ul', { class: 'mui-table-view', 'data-queue': '' },
    ...queue.map((track, i) => row(track, i, index, queue.length - 1))));
}

async function main() {
  await boot();
  const command = (action, extra) => toMain(EVENTS.PLAYER_COMMAND, { action, ...extra });
  const at = (node) => Number(node.dataset.index);
  onAction(document.body, {
    jump: (node) => command('jump', { index: at(node) }),
    'play-next': (node) => command('play-next', { index: at(node) }),
    up: (node) => command('move', { from: at(node), to: at(node) - 1 }),
    down: (node) => command('move', { from: at(node), to: at(node) + 1 }),
    remove: (node) => command('remove', { index: at(node) }),
  });
  on(EVENTS.PLAYER_STATE, render);
  command('state');
  document.body.dataset.ready = 'true';
}

main();
