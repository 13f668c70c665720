// The browser host: gives pages that run outside HTML5+ a `plus` object, so MUI and the app
// take their real 5+ code paths. Loaded only when navigator.userAgent lacks Html5Plus.
import { createAudio } from './audio.js';
import { createBackButton } from './back.js';
import { createNativeUI } from './nativeui.js';
import { createStorage } from './storage.js';
import { Registry } from './webviews.js';

const APPID = 'tapcast';
const HOST_KEY = '__tapcastHost';

function createRoot(win) {
  // The packaged build has host.css in its one stylesheet (and no import.meta.url).
  if (import.meta.url) {
    const link = win.document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./host.css', import.meta.url).href;
    win.document.head.appendChild(link);
  }
  const registry = new Registry(win, APPID);
  const root = {
    registry,
    nativeUI: createNativeUI(win.document),
    audio: createAudio(win),
    storage: createStorage(win),
  };
  root.back = createBackButton(win, registry);
  return root;
}

function resolve(registry, target) {
  return typeof target === 'string' ? registry.byId(target) : target;
}

function createPlus(root, win) {
  const { registry } = root;
  const self = () => registry.byWindow(win);
  const create = (url, id, styles, extras) => {
    const absolute = new URL(url, win.location.href).href;
    return registry.create(absolute, id || url, styles, extras, self());
  };
  return {
    webview: {
      currentWebview: self,
      getWebviewById: (id) => registry.byId(id),
      getLaunchWebview: () => registry.root,
      getTopWebview: () => registry.top(),
      all: () => registry.all(),
      create,
      open(url, id, styles, animation, duration, callback) {
        const webview = create(url, id, styles);
        webview.show(animation, duration, callback);
        return webview;
      },
      show: (target, animation, duration, callback) =>
        resolve(registry, target)?.show(animation, duration, callback),
      hide: (target, animation, duration) => resolve(registry, target)?.hide(animation, duration),
      close: (target, animation, duration) => resolve(registry, target)?.close(animation, duration),
    },
    nativeUI: root.nativeUI,
    audio: root.audio,
    storage: root.storage,
    key: {
      addEventListener: (type, listener) => root.back.listen(self(), type, listener),
      removeEventListener: (type, listener) => root.back.unlisten(self(), type, listener),
    },
    runtime: {
      appid: APPID,
      version: '0.1.0',
      quit: () => root.nativeUI.toast('Close the browser tab to leave Tapcast'),
      openURL: (url) => win.open(url, '_blank', 'noopener'),
    },
    navigator: {
      setStatusBarBackground(color) {
        const meta = win.top.document.querySelector('meta[name="theme-color"]');
        if (meta) meta.content = color;
      },
      setStatusBarStyle() {},
      isImmersedStatusbar: () => false,
      getStatusbarHeight: () => 0,
    },
    os: { name: 'Browser', version: '' },
  };
}

// Install `plus` in this window and tell MUI it runs under 5+ (call before mui.init).
export function install(win, mui) {
  const top = win.top;
  const root = top[HOST_KEY] || (top === win ? (top[HOST_KEY] = createRoot(win)) : null);
  if (!root) throw new Error('a Tapcast page must be opened from index.html');
  win.plus = createPlus(root, win);
  mui.os.plus = true;
  win.document.documentElement.classList.add('host-browser');
  mui(() => win.document.body.classList.add('mui-plus'));
  // MUI queued its plusReady callbacks on this event while window.plus was missing.
  win.document.dispatchEvent(new win.Event('plusready'));
}
