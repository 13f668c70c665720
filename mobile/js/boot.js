// Start a page: the browser host when outside HTML5+, then mui.init, then plusReady; every
// page follows kid mode (a child's sign-in) from then on.
import { EVENTS, on } from './events.js';
import { markKidMode } from './household.js';

export async function boot(options = {}) {
  if (!/Html5Plus/i.test(navigator.userAgent)) {
    const host = await import('./host/index.js');
    host.install(window, mui);
  }
  mui.init({ swipeBack: false, ...options });
  await new Promise((resolve) => mui.plusReady(resolve));
  markKidMode();
  on(EVENTS.HOUSEHOLD, ({ household }) => markKidMode(household));
  return plus.webview.currentWebview();
}

// Open a page as its own webview; extras arrive as properties of its currentWebview().
export function openPage(url, id, extras = {}) {
  return mui.openWindow({ url, id, extras, show: { aniShow: 'slide-in-right', duration: 250 },
    waiting: { autoShow: false } });
}
