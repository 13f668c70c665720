// Start a page: the browser host when outside HTML5+, then mui.init, then plusReady; every
// page follows kid mode (a child's sign-in) from then on. The browser host's `plus` is ready
// as soon as it is installed: waiting for MUI's plusReady there only added a timer turn,
// which queued behind the page's first layout (30 ms per webview on first open, measured).
import { EVENTS, on } from './events.js';
import { markKidMode } from './household.js';

export async function boot(options = {}) {
  const hosted = !/Html5Plus/i.test(navigator.userAgent);
  if (hosted) {
    const host = await import('./host/index.js');
    host.install(window, mui);
  }
  mui.init({ swipeBack: false, ...options });
  if (!hosted) await new Promise((resolve) => mui.plusReady(resolve));
  markKidMode();
  on(EVENTS.HOUSEHOLD, ({ household }) => markKidMode(household));
  return plus.webview.currentWebview();
}

// Open a page as its own webview; extras arrive as properties of its currentWebview().
export function openPage(url, id, extras = {}) {
  return mui.openWindow({ url, id, extras, show: { aniShow: 'slide-in-right', duration: 250 },
    waiting: { autoShow: false } });
}
