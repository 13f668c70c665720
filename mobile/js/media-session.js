// The lock screen and notification: navigator.mediaSession metadata, actions and position,
// wherever the runtime has it (browsers; a packaged app plays through plus.audio instead).
import { absoluteUrl } from './api.js';

export function mediaMetadata(track) {
  if (!track) return null;
  const artwork = track.has_cover && track.cover_url
    ? [{ src: absoluteUrl(track.cover_url), sizes: '512x512' }] : [];
  return { title: track.title || 'Untitled', artist: track.artist || '', album: track.album || '',
    artwork };
}

// Keep navigator.mediaSession in step with `source` (the now-playing view: {track, status,
// position, duration}); `command(action, details)` runs a lock-screen action.
export function connectMediaSession(nav, command) {
  const session = nav?.mediaSession;
  if (!session || typeof MediaMetadata === 'undefined') return () => {};
  const actions = { play: 'resume', pause: 'pause', previoustrack: 'prev', nexttrack: 'next',
    seekto: 'seek', stop: 'pause' };
  for (const [name, action] of Object.entries(actions)) {
    try {
      session.setActionHandler(name, (details) => command(action, details));
    } catch { /* an action this browser does not know */ }
  }
  let shownId = null;
  return ({ track, status, position, duration }) => {
    if (!track) { session.metadata = null; session.playbackState = 'none'; shownId = null; return; }
    if (shownId !== track.id) {
      shownId = track.id;
      session.metadata = new MediaMetadata(mediaMetadata(track));
    }
    session.playbackState = status === 'playing' || status === 'loading' ? 'playing' : 'paused';
    if (duration > 0 && session.setPositionState) {
      session.setPositionState({ duration, position: Math.min(position, duration), playbackRate: 1 });
    }
  };
}
