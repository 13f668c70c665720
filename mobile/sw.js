// The app's service worker (served at /sw.js, so its scope covers every page): the app shell
// from the network when it answers, else from Cache Storage; downloaded media (audio, covers)
// from the downloads cache, with HTTP Range answered from the cached file so seeking works.
const SHELL_CACHE = 'tapcast-shell-v1';
const MEDIA_CACHE = 'tapcast-media-v1';  // written by mobile/js/downloads.js, kept until removed
// Enough to open the app and its pages offline; every other file is kept as it is fetched.
const SHELL = ['./', 'index.html', 'manifest.json', 'pages/library.html', 'pages/music.html',
  'pages/devices.html', 'pages/me.html', 'pages/player.html', 'pages/queue.html',
  'pages/downloads.html', 'pages/track.html', 'pages/playlist.html', 'pages/album.html',
  'pages/artist.html', 'css/app.css',
  'lib/mui/css/mui.min.css', 'lib/mui/js/mui.min.js', 'lib/mui/fonts/mui.ttf'];

self.addEventListener('install', (event) => {
  // One missing file (the build has no css/app.css) must not stop the rest.
  event.waitUntil(caches.open(SHELL_CACHE)
    .then((cache) => Promise.all(SHELL.map((path) => cache.add(path).catch(() => null))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const isShell = (url) => url.origin === self.location.origin && !url.pathname.startsWith('/api/')
  && !url.pathname.startsWith('/media/') && !url.pathname.startsWith('/ws')
  && !url.pathname.startsWith('/receiver');

// The app tells which files its open webviews loaded (before this worker controlled them,
// or from a build whose hashed names no list here could know): keep the ones not kept yet.
async function keep(urls) {
  const cache = await caches.open(SHELL_CACHE);
  const wanted = urls.map((href) => new URL(href, self.location.href)).filter(isShell);
  await Promise.all(wanted.map(async (url) => {
    if (!(await cache.match(url.href, { ignoreVary: true }))) await cache.add(url.href).catch(() => null);
  }));
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'keep' && Array.isArray(event.data.urls)) {
    event.waitUntil(keep(event.data.urls).then(() => event.source?.postMessage({ type: 'kept' })));
  }
});

// "bytes=START-END" against a size: [start, end] inclusive, or null when unsatisfiable.
function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header || '');
  if (!match || (!match[1] && !match[2])) return null;
  let start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
  let end = match[1] && match[2] ? Number(match[2]) : size - 1;
  end = Math.min(end, size - 1);
  if (start > end || start >= size) return null;
  start = Math.max(0, start);
  return [start, end];
}

async function fromDownloads(request) {
  const cached = await (await caches.open(MEDIA_CACHE)).match(request.url, { ignoreVary: true });
  if (!cached) return null;
  const range = request.headers.get('Range');
  if (!range) return cached;
  const blob = await cached.blob();
  const type = cached.headers.get('Content-Type') || 'application/octet-stream';
  const bytes = byteRange(range, blob.size);
  if (!bytes) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${blob.size}` } });
  }
  const [start, end] = bytes;
  return new Response(blob.slice(start, end + 1, type), { status: 206, headers: {
    'Content-Type': type, 'Content-Length': String(end - start + 1), 'Accept-Ranges': 'bytes',
    'Content-Range': `bytes ${start}-${end}/${blob.size}` } });
}

async function media(request) {
  return (await fromDownloads(request)) || fetch(request);
}

// The network first, so a new version shows at once; the last copy when it does not answer.
async function shell(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    // ignoreVary: flask-cors answers "Vary: Origin", and module scripts send an Origin.
    const cached = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;  // API calls included
  if (url.pathname.startsWith('/media/')) event.respondWith(media(request));
  else if (isShell(url)) event.respondWith(shell(request));
});
