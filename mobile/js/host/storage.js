// plus.storage in a browser: the app-wide key/value store of HTML5+, over localStorage.
export function createStorage(win) {
  const store = win.localStorage;
  return {
    getItem: (key) => store.getItem(key),
    setItem: (key, value) => store.setItem(key, String(value)),
    removeItem: (key) => store.removeItem(key),
    clear: () => store.clear(),
    getLength: () => store.length,
    key: (index) => store.key(index),
  };
}
