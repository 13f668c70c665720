// The browser host's webviews: the launch page is the top document, every other webview is an
// iframe in it. Same method names as HTML5+ (plus.webview) because MUI calls them directly.
const DEFAULT_DURATION = 250;
const ENTER = { 'slide-in-right': 'translateX(100%)', 'pop-in': 'translateX(100%)',
  'slide-in-bottom': 'translateY(100%)', 'fade-in': 'none', auto: 'translateX(100%)' };

function geometry(styles = {}) {
  const value = (v, fallback) => (v === undefined || v === null ? fallback : String(v));
  const top = value(styles.top, '0px');
  const bottom = value(styles.bottom, '0px');
  // An iframe is a replaced element: top + bottom do not stretch it, so compute its height.
  const height = styles.height ? String(styles.height) : `calc(100% - ${top} - ${bottom})`;
  return { top, left: value(styles.left, '0px'), width: value(styles.width, '100%'), height };
}

export class Webview {
  constructor(registry, { id, url, frame = null, window = null, opener = null, styles, extras }) {
    Object.assign(this, extras || {});  // 5+ exposes extras as properties of the webview
    this.id = id;
    this._registry = registry;
    this._url = url;
    this._frame = frame;
    this._window = window;
    this._opener = opener;
    this._parent = null;
    this._children = [];
    this._listeners = {};
    this._keys = {};
    this._visible = frame === null;
    this._explicitlyHidden = false;
    this._lastAnimation = 'slide-in-right';
    this._styles = { ...(styles || {}) };
    if (frame) this._applyStyles();
  }

  get window() { return this._frame ? this._frame.contentWindow : this._window; }
  getURL() { return this._url; }
  getTitle() { return this.window?.document?.title || ''; }
  parent() { return this._parent; }
  opener() { return this._opener; }
  children() { return [...this._children]; }
  opened() { return this._registry.all().filter((w) => w._opener === this && w !== this); }
  isVisible() { return this._visible; }
  canBack(callback) { setTimeout(() => callback({ canBack: false }), 0); }
  getStyle() { return { ...this._styles }; }

  setStyle(styles) {
    Object.assign(this._styles, styles);
    if (this._frame) this._applyStyles();
  }

  _applyStyles() {
    const g = geometry(this._styles);
    Object.assign(this._frame.style, g);
  }

  addEventListener(type, listener) { (this._listeners[type] ||= new Set()).add(listener); }
  removeEventListener(type, listener) { this._listeners[type]?.delete(listener); }
  _emit(type) {
    for (const listener of [...(this._listeners[type] || [])]) {
      try { listener({ type, target: this }); } catch (error) { console.error(error); }
    }
  }

  evalJS(js) {
    // Asynchronous like 5+; a page that has not loaded MUI yet ignores it (MUI guards on mui).
    setTimeout(() => {
      const target = this.window;
      if (!target) return;
      try { target.eval(js); } catch (error) { console.error('evalJS failed in', this.id, error); }
    }, 0);
  }

  append(child) {
    if (child._parent) child._parent._children = child._parent._children.filter((c) => c !== child);
    child._parent = this;
    this._children.push(child);
    if (!child._explicitlyHidden) child._visible = true;
    this._registry.layout();
  }

  remove(child) {
    this._children = this._children.filter((c) => c !== child);
    child._parent = null;
    this._registry.layout();
  }

  show(animation, duration, callback) {
    this._explicitlyHidden = false;
    const wasVisible = this._visible;
    this._visible = true;
    if (!this._parent) this._registry.bringToFront(this);
    this._registry.layout();
    const done = () => { this._emit('show'); if (typeof callback === 'function') callback(); };
    if (wasVisible || !this._frame || this._parent) { setTimeout(done, 0); return; }
    this._lastAnimation = animation && animation !== 'auto' ? animation : 'slide-in-right';
    this._animate(ENTER[this._lastAnimation] ?? 'none', 'none', duration, done, true);
  }

  hide(animation, duration) {
    this._explicitlyHidden = true;
    if (!this._visible) return;
    const finish = () => { this._visible = false; this._registry.layout(); this._emit('hide'); };
    if (!this._frame || this._parent || animation === 'none') { finish(); return; }
    this._animate('none', ENTER[this._lastAnimation] ?? 'none', duration, finish, false);
  }

  close(animation, duration) {
    if (this._closed) return;
    this._closed = true;
    for (const child of this.children()) child.close('none');
    const finish = () => {
      this._emit('close');
      this._registry.forget(this);
      this._frame?.remove();
    };
    if (!this._frame || this._parent || !this._visible || animation === 'none') { finish(); return; }
    this._animate('none', ENTER[this._lastAnimation] ?? 'none', duration, finish, false);
  }

  _animate(from, to, duration, done, fade) {
    const frame = this._frame;
    frame.dataset.animating = 'true';  // settled webviews are the ones a finger can hit
    const ms = Number.isFinite(duration) ? duration : DEFAULT_DURATION;
    const useFade = from === 'none' && to === 'none';
    frame.style.transition = 'none';
    frame.style.transform = useFade ? 'none' : from;
    frame.style.opacity = useFade && fade ? '0' : '1';
    void frame.offsetWidth;  // commit the start state before transitioning
    frame.style.transition = `transform ${ms}ms ease-out, opacity ${ms}ms ease-out`;
    frame.style.transform = useFade ? 'none' : to;
    frame.style.opacity = useFade && !fade ? '0' : '1';
    setTimeout(() => {
      frame.style.transition = 'none';
      frame.style.transform = 'none';
      frame.style.opacity = '1';
      delete frame.dataset.animating;
      done();
    }, ms + 20);
  }
}

// Every webview of the app, their stacking order, and where their iframes live.
export class Registry {
  constructor(rootWindow, appid) {
    this.document = rootWindow.document;
    this.root = new Webview(this, { id: appid, url: rootWindow.location.href, window: rootWindow });
    this.webviews = new Map([[appid, this.root]]);
    this.order = [this.root];  // top-level webviews, bottom first
  }

  all() { return [...this.webviews.values()]; }
  byId(id) { return this.webviews.get(id) || null; }
  byWindow(win) { return this.all().find((w) => w.window === win) || null; }

  create(url, id, styles, extras, opener) {
    const existing = this.byId(id);
    if (existing) return existing;
    const frame = this.document.createElement('iframe');
    frame.className = 'host-webview';
    frame.dataset.webview = id;
    frame.name = id;
    const webview = new Webview(this, { id, url, frame, opener, styles, extras });
    this.webviews.set(id, webview);
    frame.title = id;  // a frame's accessible name, until its page gives its own title
    frame.addEventListener('load', () => {
      frame.title = frame.contentDocument?.title || id;
      webview._emit('titleUpdate');
      webview._emit('loaded');
    });
    frame.src = url;
    this.document.body.appendChild(frame);
    this.order.push(webview);
    this.layout();
    return webview;
  }

  forget(webview) {
    this.webviews.delete(webview.id);
    this.order = this.order.filter((w) => w !== webview);
    webview._parent?.remove(webview);
    this.layout();
  }

  bringToFront(webview) {
    this.order = [...this.order.filter((w) => w !== webview), webview];
  }

  // The top-level webview the user sees (the one the back button acts on).
  top() {
    return [...this.order].reverse().find((w) => !w._parent && w._visible) || this.root;
  }

  layout() {
    let z = 10;
    for (const webview of this.order) {
      if (webview._parent) continue;
      this._place(webview, z, webview._visible);
      webview._children.forEach((child, i) => this._place(child, z + 1 + i, webview._visible && child._visible));
      z += 100;
    }
  }

  _place(webview, z, visible) {
    if (!webview._frame) return;
    webview._frame.style.zIndex = String(z);
    webview._frame.style.visibility = visible ? 'visible' : 'hidden';
    webview._frame.setAttribute('aria-hidden', String(!visible));
    webview._frame.dataset.visible = String(visible);
  }
}
