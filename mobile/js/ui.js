// DOM helpers shared by the pages. User and server text always goes in as textContent.
import { absoluteUrl } from './api.js';
import { withRetry } from './retry.js';

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return node;
}

export function formatTime(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const total = Math.floor(seconds);
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

export function setCover(img, track, size = 'thumb') {
  const url = size === 'thumb' ? track?.thumb_url : track?.cover_url;
  img.onerror = () => { img.removeAttribute('src'); img.classList.add('tc-cover-empty'); };
  img.classList.toggle('tc-cover-empty', !(track?.has_cover && url));
  if (track?.has_cover && url) img.src = absoluteUrl(url);
  else img.removeAttribute('src');
}

export function cover(track, size = 'thumb', className = 'tc-cover') {
  const img = el('img', { class: className, alt: '', loading: 'lazy', 'data-cover': '' });
  setCover(img, track, size);
  return img;
}

// One track as a MUI media row. A tap on the row does `action` (by default plays the list
// from this row: data-index); the "⋯" button opens the track's page.
export function trackRow(track, { action = 'play-track', extra = null, index, list = '', info = true } = {}) {
  const body = el('span', { class: 'mui-media-body' },
    el('span', { class: 'tc-title', 'data-track-title': '', text: track.title || 'Untitled' }),
    el('span', { class: 'mui-ellipsis', text: [track.artist, formatTime(track.duration)]
      .filter(Boolean).join(' · ') }));
  const link = el('button', { type: 'button', class: 'tc-row-link', 'data-action': action,
    'data-track-id': track.id, 'data-index': index ?? '', 'data-list': list },
  cover(track, 'thumb', 'mui-media-object mui-pull-left tc-cover'), body);
  const about = info && el('button', { type: 'button', class: 'tc-icon-btn tc-row-info',
    'data-action': 'open-track', 'data-track-id': track.id,
    'aria-label': `About ${track.title || 'this track'}`, text: '⋯' });
  return el('li', { class: 'mui-table-view-cell mui-media tc-track-row', 'data-track': track.id },
    link, el('span', { class: 'tc-row-actions' }, extra, about));
}

// The page's handler for a row tap: play `lists[row's data-list]` from the row's index.
export function playFromRow(lists, play) {
  return (node) => {
    const tracks = lists[node.dataset.list || ''] || [];
    const index = Number(node.dataset.index);
    if (tracks[index]) play({ tracks, index });
  };
}

// A full-height message instead of a blank page: empty lists, errors, signed-out states.
export function stateView({ icon = 'info', title, message, button, action }) {
  return el('div', { class: 'tc-state', 'data-state': action || icon },
    el('span', { class: `mui-icon mui-icon-${icon} tc-state-icon`, 'aria-hidden': 'true' }),
    el('h2', { text: title }),
    message ? el('p', { 'data-state-message': '', text: message }) : null,
    button ? el('button', { type: 'button', class: 'mui-btn mui-btn-primary',
      'data-action': action, text: button }) : null);
}

export function replace(container, ...children) {
  container.replaceChildren(...children.filter(Boolean));
}

// Grey rows shaped like track rows, shown while the real ones load.
export function skeletonRows(rows) {
  return Array.from({ length: rows }, () => el('li', {
    class: 'mui-table-view-cell mui-media tc-skeleton', 'data-skeleton': '', 'aria-hidden': 'true' },
  el('span', { class: 'tc-skeleton-cover' }),
  el('span', { class: 'tc-skeleton-lines' }, el('span'), el('span'))));
}

export function skeleton(rows = 6) {
  return el('ul', { class: 'mui-table-view', 'data-loading': '', 'aria-busy': 'true',
    'aria-label': 'Loading' }, ...skeletonRows(rows));
}

// The error of a load that retries by itself, with a button to retry at once.
export function retryView(title, error, delay) {
  const view = stateView({ title, message: error.message, button: 'Try again', action: 'retry' });
  view.append(el('p', { class: 'tc-note', 'data-retrying': '', 'aria-live': 'polite',
    text: `Trying again in ${Math.round(delay / 1000)} s…` }));
  return view;
}

// Skeleton rows, then what `show` renders from `load()`; an outage shows its error and
// retries with backoff until the load succeeds; any other error stays with a retry button.
export async function loadInto(container, load, show, title, { isCurrent } = {}) {
  replace(container, skeleton());
  try {
    show(await withRetry(load, { isCurrent,
      onError: (error, delay) => replace(container, retryView(title, error, delay)) }));
  } catch (error) {
    if (isCurrent && !isCurrent()) return;
    replace(container, stateView({ title, message: error.message, button: 'Try again',
      action: 'retry' }));
  }
}

// Tap handling through MUI's tap gesture, delegated to [data-action] elements. A keyboard
// (Enter or Space on a focused button) makes a click with no pointer (detail 0) and no tap.
export function onAction(root, handlers) {
  mui(root).on('tap', '[data-action]', function handle() {
    const handler = handlers[this.dataset.action];
    if (handler) handler(this, this.dataset);
  });
  root.addEventListener('click', (event) => {
    if (event.detail !== 0) return;
    const node = event.target.closest('[data-action]');
    if (node?.classList.contains('mui-action-back')) mui.back();
    else if (node && handlers[node.dataset.action]) handlers[node.dataset.action](node, node.dataset);
  });
}
