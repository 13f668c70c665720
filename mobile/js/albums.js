// Pure helpers for albums and artists: disc groups, summary lines, a shuffled copy.
import { formatTime } from './ui.js';

// The album's tracks grouped by disc, in the order the server sent them (disc, then track).
export function byDisc(tracks) {
  const groups = [];
  for (const track of tracks) {
    const disc = track.disc_number || 1;
    if (!groups.length || groups[groups.length - 1].disc !== disc) groups.push({ disc, tracks: [] });
    groups[groups.length - 1].tracks.push(track);
  }
  return groups;
}

// "2001 · 12 tracks · 48 min" (the parts the album has).
export function albumLine(album) {
  const minutes = Math.max(1, Math.round((album.duration || 0) / 60));
  const count = `${album.track_count} track${album.track_count === 1 ? '' : 's'}`;
  return [album.year, count, album.duration >= 60 ? `${minutes} min` : formatTime(album.duration)]
    .filter(Boolean).join(' · ');
}

// "3 albums · 41 tracks".
export function artistLine(artist) {
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [artist.album_count ? plural(artist.album_count, 'album') : null,
    artist.track_count ? plural(artist.track_count, 'track') : null].filter(Boolean).join(' · ');
}

// A shuffled copy (Fisher-Yates); `random` returns [0, 1) like Math.random.
export function shuffled(list, random = Math.random) {
  const copy = list.slice();
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
