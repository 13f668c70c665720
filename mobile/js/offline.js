// Offline support in the main webview: the service worker (browsers only; a packaged app
// keeps downloads with plus.downloader), and whether the server can be reached right now.
import { api } from './api.js';

const PROBE_EVERY_MS = 5000;

export function registerServiceWorker(win = window) {
  if (!/^https?:$/.test(win.location.protocol) || !win.navigator.serviceWorker) return null;
  return win.navigator.serviceWorker.register(new URL('sw.js', win.location.href)).catch(() => null);
}

// Ask the service worker to keep every file the open webviews (iframes in a browser) loaded,
// so the whole shell opens offline; resolves once it has.
export async function keepShell(win = window) {
  const workers = win.navigator.serviceWorker;
  if (!workers) return;
  const registration = await workers.ready;
  const views = [win, ...[...win.document.querySelectorAll('iframe')].map((f) => f.contentWindow)];
  const urls = views.flatMap((view) => {
    try {
      return [view.location.href, ...view.performance.getEntriesByType('resource').map((e) => e.name)];
    } catch {
      return [];
    }
  });
  await new Promise((resolve) => {
    const done = (event) => {
      if (event.data?.type !== 'kept') return;
      workers.removeEventListener('message', done);
      resolve();
    };
    workers.addEventListener('message', done);
    registration.active.postMessage({ type: 'keep', urls: [...new Set(urls)] });
  });
}

// Calls onChange(reachable) now and whenever it changes; probes again every few seconds while
// the server is out of reach, and whenever the socket or the network says something changed.
export function watchServer(onChange) {
  let reachable = null;
  let timer = null;
  const probe = async () => {
    clearTimeout(timer);
    const ok = await api.health({ quiet: true }).then(() => true, () => false);
    if (ok !== reachable) { reachable = ok; onChange(ok); }
    if (!ok) timer = setTimeout(probe, PROBE_EVERY_MS);
  };
  window.addEventListener('online', probe);
  window.addEventListener('offline', probe);
  probe();
  return probe;
}
