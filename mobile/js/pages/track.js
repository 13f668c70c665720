// Track detail, opened with mui.openWindow({url, id, extras: {trackId}}).
import { api } from '../api.js';
import { boot } from '../boot.js';
import { broadcast, EVENTS, on, toMain } from '../events.js';
import { currentUser } from '../settings.js';
import { $, cover, el, formatTime, loadInto, onAction, replace } from '../ui.js';

let track = null;
let playing = { id: null, status: 'idle' };  // the main webview's player, from its broadcasts

const plays = (count) => `${count} ${count === 1 ? 'play' : 'plays'}`;

function render() {
  $('[data-page-title]').textContent = track.title;
  const meta = [track.artist, track.album].filter(Boolean).join(' · ');
  const resume = track.resume_position > 1 ? track.resume_position : 0;
  const signedIn = Boolean(currentUser());
  replace($('[data-track-detail]'),
    el('div', { class: 'tc-hero' }, cover(track, 'full'),
      el('h2', { 'data-detail-title': '', text: track.title }),
      el('p', { class: 'mui-ellipsis', text: meta }),
      el('p', { class: 'tc-device-state', text: [track.category, formatTime(track.duration),
        plays(track.play_count || 0)].filter(Boolean).join(' · ') }),
      el('div', { class: 'tc-tags' }, ...(track.tags || []).map((t) => el('span', { class: 'tc-tag', text: t })))),
    el('div', { class: 'tc-actions' },
      playButton(),
      resume ? el('button', { type: 'button', class: 'mui-btn mui-btn-primary mui-btn-outlined',
        'data-action': 'resume', text: `Continue at ${formatTime(resume)}` }) : null,
      el('button', { type: 'button', class: `mui-btn tc-fav${track.is_favorite ? ' mui-active' : ''}`,
        'data-action': 'favorite', 'data-favorite': String(Boolean(track.is_favorite)),
        text: track.is_favorite ? '♥ Favorite' : '♡ Favorite' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'add-to-playlist', text: 'Add to playlist' }),
      el('button', { type: 'button', class: 'mui-btn', 'data-action': 'cast', text: 'Play on a device' })),
    signedIn ? null : el('p', { class: 'tc-note', text: 'Sign in (Me tab) to keep favorites, playlists and your place in each track.' }));
}

const isCurrent = () => Boolean(track) && playing.id === track.id;
const isPlaying = () => isCurrent() && ['playing', 'loading', 'buffering'].includes(playing.status);

// Play starts this track; once it is the current one the same button pauses and resumes.
function playButton() {
  const label = isPlaying() ? 'Pause' : (isCurrent() ? 'Resume' : 'Play');
  return el('button', { type: 'button', class: 'mui-btn mui-btn-primary', 'data-action': 'play',
    'data-play-state': isPlaying() ? 'playing' : 'paused', 'aria-label': `${label} ${track.title}`,
    text: label });
}

function play() {
  if (isCurrent()) toMain(EVENTS.PLAYER_COMMAND, { action: 'toggle' });
  else toMain(EVENTS.PLAY, { tracks: [track], index: 0 });
}

function requireSignIn() {
  if (currentUser()) return true;
  mui.toast('Sign in first');
  toMain(EVENTS.OPEN_TAB, { tab: 'me' });
  mui.back();  // the Me tab is under this page
  return false;
}

async function toggleFavorite() {
  if (!requireSignIn()) return;
  const next = !track.is_favorite;
  await api.setFavorite(track.id, next);
  track.is_favorite = next;
  render();
  // Tell the other webviews (the favorites tab among them) without waiting for the socket.
  broadcast(EVENTS.FAVORITES_CHANGED, { track_id: track.id, is_favorite: next });
}

function chooseFrom(title, labels, callback) {
  plus.nativeUI.actionSheet({ title, cancel: 'Cancel', buttons: labels.map((l) => ({ title: l })) },
    (e) => { if (e.index > 0) callback(e.index - 1); });
}

async function addToPlaylist() {
  if (!requireSignIn()) return;
  const playlists = (await api.playlists()).items || [];
  chooseFrom('Add to playlist', [...playlists.map((p) => p.name), 'New playlist…'], (i) => {
    if (i < playlists.length) { add(playlists[i]); return; }
    plus.nativeUI.prompt('Name of the new playlist', async (e) => {
      if (e.index !== 0 || !e.value.trim()) return;
      add(await api.createPlaylist(e.value.trim()));
    }, 'New playlist', 'Bedtime stories', ['Create', 'Cancel']);
  });
}

async function add(playlist) {
  await api.addToPlaylist(playlist.id, [track.id]);
  mui.toast(`Added to ${playlist.name}`);
  broadcast(EVENTS.PLAYLIST_CHANGED, { playlist_id: playlist.id });
}

function cast() {
  if (requireSignIn()) toMain(EVENTS.CAST, { tracks: [track] });
}

function load(id) {
  return loadInto($('[data-track-detail]'), () => api.track(id, { quiet: true }),
    (value) => { track = value; render(); }, "Couldn't load this track");
}

async function main() {
  const self = await boot();
  const id = self.trackId;  // the extras of mui.openWindow
  document.body.dataset.trackId = id || '';
  onAction(document.body, {
    play,
    resume: () => toMain(EVENTS.PLAY, { tracks: [track], index: 0, position: track.resume_position }),
    favorite: () => toggleFavorite().catch(() => {}),
    'add-to-playlist': () => addToPlaylist().catch(() => {}),
    cast,
    retry: () => load(id),
  });
  on(EVENTS.FAVORITES_CHANGED, ({ track_id: changed, is_favorite: value }) => {
    if (track && changed === track.id && typeof value === 'boolean' && value !== track.is_favorite) {
      track.is_favorite = value;
      render();
    }
  });
  on(EVENTS.AUTH_CHANGED, () => load(id));
  on(EVENTS.PLAYER_STATE, ({ track: current, status }) => {
    const next = { id: current?.id || null, status };
    const changed = (next.id === id) !== (playing.id === id) || (next.id === id && next.status !== playing.status);
    playing = next;
    if (track && changed) $('[data-action="play"]')?.replaceWith(playButton());
  });
  toMain(EVENTS.PLAYER_COMMAND, { action: 'state' });
  await load(id);
  document.body.dataset.ready = 'true';
}

main();
