// What the receiver shows of the current track: title, artist and cover, never its id.
// Track details come from the public track API (the same origin as the page).

const cache = new Map();  // track id -> Promise of the track, or null when unknown

function trackDetails(id) {
  if (!cache.has(id)) {
    cache.set(id, fetch(`/api/v1/tracks/${encodeURIComponent(id)}`)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => { cache.delete(id); return null; }));
  }
  return cache.get(id);
}

// Show the track `id` (or nothing) in the [data-now-playing] block of `root`.
export async function showTrack(root, id) {
  const block = root.querySelector('[data-now-playing]');
  if ((block.dataset.trackId || '') === (id || '')) return;
  block.dataset.trackId = id || '';
  const title = block.querySelector('[data-track-title]');
  const artist = block.querySelector('[data-track-artist]');
  const cover = block.querySelector('[data-track-cover]');
  block.hidden = !id;
  if (!id) return;
  title.textContent = '';
  artist.textContent = '';
  cover.hidden = true;
  const track = await trackDetails(id);
  if (block.dataset.trackId !== id) return;  // another track started meanwhile
  title.textContent = track?.title || 'Unknown track';
  artist.textContent = [track?.artist, track?.album].filter(Boolean).join(' · ');
  if (track?.has_cover && track.cover_url) {
    cover.src = track.cover_url;
    cover.hidden = false;
  }
}
