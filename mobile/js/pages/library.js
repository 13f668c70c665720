// Library tab: categories, search and an endless list of tracks with covers; the Albums,
// Artists and Genres views and grouped search results come from library-browse.js.
import { api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, on, toMain } from '../events.js';
import { LIBRARY_PER_PAGE as PER_PAGE, libraryPage, takeFirstPage } from '../first-page.js';
import { allowedCategories } from '../household.js';
import { withRetry, retryNow } from '../retry.js';
import { $, $$, el, onAction, playFromRow, replace, retryView, skeleton, stateView, trackRow } from '../ui.js';
import { browseActions, initBrowse, reloadBrowse, searchGroups, showView } from './library-browse.js';

const query = { q: '', category: '', page: 0, total: Infinity, loading: false, generation: 0 };
let playingId = null;
const loaded = [];  // every track row shown, in order: a tap queues them all

function renderCategories(items) {
  const chip = (name, label) => el('button', { type: 'button',
    class: `tc-chip${query.category === name ? ' mui-active' : ''}`,
    'aria-pressed': String(query.category === name), 'data-action': 'category',
    'data-category': name, text: label });
  // A child's tablet offers only their categories (the server lists no others), no "All".
  const all = allowedCategories() === null ? [chip('', 'All')] : [];
  replace($('[data-categories]'), ...all,
    ...items.map((c) => chip(c.name, `${c.name} · ${c.count}`)));
}

// Only the latest ask is drawn: a household change (a child's categories edited) asks again
// while an earlier answer, from before the change, may still be on its way.
let categoriesAsked = 0;
async function loadCategories() {
  keepToAllowed();
  const ask = ++categoriesAsked;
  try {
    const items = (await withRetry(() => api.categories({ quiet: true }))).items || [];
    if (ask === categoriesAsked) renderCategories(items);
  } catch {
    if (ask === categoriesAsked) replace($('[data-categories]'));
  }
}

function reset() {
  query.page = 0;
  query.total = Infinity;
  query.loading = false;
  query.generation += 1;
  loaded.length = 0;
  replace($('[data-track-list]'));
  replace($('[data-list-state]'));
  $('[data-list-end]').textContent = '';
  loadMore();
}

// In kid mode the category is always one of the child's (the server refuses the others).
function keepToAllowed() {
  const allowed = allowedCategories();
  if (allowed && !allowed.includes(query.category)) query.category = allowed[0] || '';
  return !allowed || allowed.length > 0;
}

async function loadMore() {
  if (query.loading || query.page * PER_PAGE >= query.total) return;
  if (!keepToAllowed()) {
    replace($('[data-list-state]'), stateView({ icon: 'info', title: 'Nothing here yet',
      message: 'Ask a grown-up to choose what you may listen to.' }));
    return;
  }
  query.loading = true;
  const generation = query.generation;
  const isCurrent = () => generation === query.generation;
  const list = $('[data-track-list]');
  replace($('[data-list-state]'), skeleton(query.page ? 2 : 8));
  const params = libraryPage({ page: query.page + 1, q: query.q, category: query.category });
  let started = takeFirstPage(params);  // asked for by the main webview, on first open
  const ask = () => {
    const answer = started || api.tracks(params, { quiet: true });
    started = null;  // a retry asks again
    return answer;
  };
  try {
    const page = await withRetry(ask, { isCurrent,
      onError: (error, delay) => {
        replace($('[data-list-state]'), retryView("Couldn't load the library", error, delay));
        firstPaintDone();  // what this tab shows first is the reason, and main starts the rest
      } });
    if (!isCurrent()) return;
    query.page += 1;
    query.total = page.total;
    list.append(...page.items.map((track, i) => trackRow(track, { index: loaded.length + i })));
    loaded.push(...page.items);
    list.dataset.query = query.q;  // what the rows shown answer (a hook for tests)
    markPlaying();
    replace($('[data-list-state]'));
    showEnd();
    firstPaintDone();
    setTimeout(fillViewport, 0);
  } catch (error) {
    if (!isCurrent()) return;
    replace($('[data-list-state]'), stateView({ icon: 'info', title: "Couldn't load the library",
      message: error.message, button: 'Try again', action: 'retry' }));
  } finally {
    if (isCurrent()) query.loading = false;
  }
}

// The observer fires only on changes; keep loading while the list end is still on screen.
function fillViewport() {
  const end = $('[data-list-end]').getBoundingClientRect();
  if (end.top < window.innerHeight + 300 && query.page * PER_PAGE < query.total && query.page > 0) {
    loadMore();
  }
}

// Tells the main webview once that this tab shows its first content: it then loads the
// other tabs, the socket and the service worker, which would otherwise compete with it.
// Said after the frame that draws it (the task after the next animation frame): said at
// once, the other tabs' pages started loading before the rows were drawn, and held them up.
let painted = false;
function firstPaintDone() {
  if (painted) return;
  painted = true;
  requestAnimationFrame(() => setTimeout(() => toMain(EVENTS.FIRST_PAINT), 0));
}

function showEnd() {
  const count = $$('[data-track]').length;
  if (query.total === 0) {
    replace($('[data-list-state]'), stateView({ icon: 'search', title: 'Nothing found',
      message: query.q ? `No track matches "${query.q}".` : 'The library is empty.' }));
  }
  $('[data-list-end]').textContent = count && count >= query.total ? `${query.total} tracks` : '';
}

function markPlaying() {
  $$('[data-track]').forEach((li) => li.classList.toggle('tc-playing', li.dataset.track === playingId));
}

async function main() {
  await boot();
  const search = $('[data-search]');
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      query.q = search.value.trim();
      if (query.q) showView('tracks');  // results are grouped there: albums, artists, tracks
      searchGroups(query.q);
      reset();
    }, 300);
  });
  initBrowse();
  onAction(document.body, {
    ...browseActions,
    'play-track': playFromRow({ '': loaded }, (list) => toMain(EVENTS.PLAY, list)),
    'open-track': (node) => openPage('track.html', `track-${node.dataset.trackId}`,
      { trackId: node.dataset.trackId }),
    category: (node) => { query.category = node.dataset.category; loadCategories(); reset(); },
    // A load waiting to retry goes at once; one that gave up starts again.
    retry: () => {
      if (query.loading) retryNow();
      else { loadCategories(); reset(); reloadBrowse(); }
    },
  });
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) loadMore();
  }, { rootMargin: '300px' }).observe($('[data-list-end]'));
  on(EVENTS.PLAYER_STATE, ({ track }) => { playingId = track?.id || null; markPlaying(); });
  const reload = () => { loadCategories(); reset(); reloadBrowse(); };
  on(EVENTS.SERVER_CHANGED, reload);
  on(EVENTS.AUTH_CHANGED, reload);
  on(EVENTS.HOUSEHOLD, reload);
  reset();  // the first rows before the chips: the first request is the one shown first
  loadCategories();
  document.body.dataset.ready = 'true';
}

main();
