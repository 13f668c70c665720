// The library's first page, asked for by the main webview as soon as it has booted instead
// of by the library tab once its own page has loaded: on first open the request then runs
// while the tab's page loads (about 100 ms of a 500 ms first paint, measured on 2 cores).
// The browser host's webviews are frames of one page, so the tab finds the answer on the
// top window; a packaged app's webviews share nothing, and its tab asks for itself.
import { api } from './api.js';
import { serverUrl, token } from './settings.js';

export const LIBRARY_PER_PAGE = 12;  // about two screens of rows per request on a phone

// The library's request for one page of its list: the tab's, and the one asked for early.
export const libraryPage = ({ page, q = '', category = '' }) =>
  ({ page, per_page: LIBRARY_PER_PAGE, q, category, sort: 'title' });
const FIRST = libraryPage({ page: 1 });
const KEY = '__tapcastLibraryFirstPage';

// The server and session a request was made for: an answer for another one is not used.
const session = () => `${serverUrl()}\n${token()}`;

export function startFirstPage() {
  if (!serverUrl()) return;
  const promise = api.tracks(FIRST, { quiet: true });
  promise.catch(() => {});  // the tab handles a failure (and retries) when it takes it
  window[KEY] = { session: session(), promise };
}

// The answer started for exactly this query and session, once; else null.
export function takeFirstPage(query) {
  let top;
  try {
    top = window.top;
    if (top === window || !top[KEY]) return null;  // reading another origin's frame throws
  } catch {
    return null;
  }
  const started = top[KEY];
  delete top[KEY];
  const same = Object.keys(FIRST).every((name) => String(query[name]) === String(FIRST[name]));
  return same && started.session === session() ? started.promise : null;
}
