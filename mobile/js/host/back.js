// The Android back key in a browser: the browser's back button (history) and Escape send
// 'backbutton' to the listeners of the webview on top, as the hardware key does under 5+.
export function createBackButton(win, registry) {
  const listeners = new Map();  // webview -> {type: Set}
  const watched = new WeakSet();  // windows whose Escape key is already wired
  let ignorePops = 0;
  let pushed = 0;

  function dispatch() {
    const webview = registry.top();
    const set = listeners.get(webview)?.backbutton;
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) listener({ type: 'backbutton' });
    return true;
  }

  function syncHistory() {
    const open = registry.order.filter((w) => w !== registry.root && !w._parent && w._visible).length;
    while (pushed < open) { win.history.pushState({ tapcast: pushed + 1 }, ''); pushed += 1; }
    if (pushed > open) {
      ignorePops += 1;
      win.history.go(open - pushed);
      pushed = open;
    }
  }

  win.addEventListener('popstate', () => {
    if (ignorePops > 0) { ignorePops -= 1; return; }
    pushed = Math.max(0, pushed - 1);
    dispatch();
    setTimeout(syncHistory, 400);
  });
  const layout = registry.layout.bind(registry);
  registry.layout = () => { layout(); setTimeout(syncHistory, 0); };

  return {
    dispatch,
    listen(webview, type, listener) {
      if (!webview) return;
      const byType = listeners.get(webview) || {};
      (byType[type] ||= new Set()).add(listener);
      listeners.set(webview, byType);
      const target = webview.window;
      if (target && !watched.has(target)) {
        watched.add(target);
        target.addEventListener('keydown', (e) => { if (e.key === 'Escape') dispatch(); });
      }
    },
    unlisten(webview, type, listener) { listeners.get(webview)?.[type]?.delete(listener); },
  };
}
