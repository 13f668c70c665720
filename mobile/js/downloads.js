// Downloads for offline play: a list (playlist, favorites, album) whose audio and covers stay
// on the device. In a browser they go to Cache Storage, where the service worker (sw.js)
// answers for them; in the packaged app plus.downloader writes them under _downloads/ and the
// player plays the local file. The list of downloads itself lives in plus.storage.
import { absoluteUrl } from './api.js';
import { KEYS } from './settings.js';

export const MEDIA_CACHE = 'tapcast-media-v1';  // the name sw.js reads

// The packaged app has the runtime's downloader; the browser host does not.
const packaged = () => typeof plus !== 'undefined' && Boolean(plus.downloader && plus.io);

export function listDownloads() {
  try { return JSON.parse(plus.storage.getItem(KEYS.DOWNLOADS) || '[]'); } catch { return []; }
}

function saveDownloads(items) {
  plus.storage.setItem(KEYS.DOWNLOADS, JSON.stringify(items));
}

export function findDownload(key) {
  return listDownloads().find((d) => d.key === key) || null;
}

export function formatSize(bytes) {
  if (!(bytes > 0)) return '0 KB';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// Every file a track needs offline, as absolute URLs.
export function trackFiles(track) {
  const files = [track.audio_url];
  if (track.has_cover) files.push(track.cover_url, track.thumb_url);
  return files.filter(Boolean).map(absoluteUrl);
}

async function keepInCache(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blob = await response.blob();
  const type = response.headers.get('Content-Type') || blob.type;
  await (await caches.open(MEDIA_CACHE)).put(url, new Response(blob, {
    headers: { 'Content-Type': type, 'Content-Length': String(blob.size) } }));
  return { bytes: blob.size };
}

function keepWithPlus(url) {
  return new Promise((resolve, reject) => {
    // One file per URL: every track's audio is called "audio" on the server.
    const name = url.split('/media/').pop().replace(/[^\w.-]+/g, '_');
    const task = plus.downloader.createDownload(url, { filename: `_downloads/tapcast/${name}` },
      (done, status) => (status === 200
        ? resolve({ bytes: done.totalSize, path: done.filename })
        : reject(new Error(`${url}: HTTP ${status}`))));
    task.start();
  });
}

function dropFromPlus(path) {
  return new Promise((resolve) => {
    plus.io.resolveLocalFileSystemURL(path, (entry) => entry.remove(resolve, resolve), resolve);
  });
}

// Keep `tracks` for offline play under `key` ("playlist:<id>", "favorites"); resolves the record.
export async function download({ key, kind, name, tracks }, onProgress = () => {}) {
  const keep = packaged() ? keepWithPlus : keepInCache;
  const files = {};  // absolute URL -> local path (packaged) or true (in the cache)
  let bytes = 0;
  const urls = [...new Set(tracks.flatMap(trackFiles))];
  for (const [i, url] of urls.entries()) {
    const kept = await keep(url);
    files[url] = kept.path || true;
    bytes += kept.bytes || 0;
    onProgress((i + 1) / urls.length);
  }
  const record = { key, kind, name, tracks, bytes, files, saved_at: new Date().toISOString() };
  saveDownloads([...listDownloads().filter((d) => d.key !== key), record]);
  return record;
}

// Forget a download; files another download still needs stay.
export async function removeDownload(key) {
  const items = listDownloads();
  const gone = items.find((d) => d.key === key);
  const rest = items.filter((d) => d.key !== key);
  saveDownloads(rest);
  if (!gone) return;
  const stillUsed = new Set(rest.flatMap((d) => Object.keys(d.files || {})));
  const unused = Object.entries(gone.files || {}).filter(([url]) => !stillUsed.has(url));
  if (packaged()) {
    await Promise.all(unused.map(([, path]) => dropFromPlus(path)));
  } else if (typeof caches !== 'undefined') {
    const cache = await caches.open(MEDIA_CACHE);
    await Promise.all(unused.map(([url]) => cache.delete(url)));
  }
}

// Where the player finds a file: the downloaded copy when packaged, else its URL (in a
// browser the service worker answers a downloaded URL from the cache).
export function playableUrl(path) {
  const url = absoluteUrl(path);
  if (!packaged()) return url;
  for (const item of listDownloads()) {
    const local = item.files?.[url];
    if (typeof local === 'string') return plus.io.convertLocalFileSystemURL(local);
  }
  return url;
}
