// The receiver's side of the house rules: it keeps the copy the server last sent, dims to a
// night light with the time during quiet time, caps the volume, and while its socket is down
// enforces the copy itself (pause with a fade, bedtime and wake tracks, the daily limit).

import { STORAGE } from './constants.js';
import { OfflineRules, situation } from './rules.js';

export function startHouseRules(root, { player, socket, now = () => Date.now() }) {
  const $ = (hook) => root.querySelector(`[${hook}]`);
  const offline = new OfflineRules();
  let copy = readCopy();
  let listenedOffline = 0;
  let countedDay = null;

  function readCopy() {
    try { return JSON.parse(localStorage.getItem(STORAGE.rules)); } catch { return null; }
  }

  function keep(received) {
    copy = received;
    listenedOffline = 0;
    if (copy) localStorage.setItem(STORAGE.rules, JSON.stringify(copy));
    else localStorage.removeItem(STORAGE.rules);
    render();
  }

  function where() { return copy?.rules ? situation(copy, now()) : null; }

  // Whether the rules let the big button start sound now.
  function allowsPlay() {
    const w = where();
    if (!w) return true;
    const limit = copy.rules.daily_limit_minutes;
    return !w.refusesPlay && !(limit !== null && listened() >= limit * 60);
  }

  function listened() { return (copy?.listened_today || 0) + listenedOffline; }

  function render() {
    const w = where();
    root.dataset.mode = w?.quiet && !w.bonus ? 'night' : 'day';
    $('data-night-clock').textContent = w ? w.time : '';
    $('data-action="toggle"').disabled = player.status() !== 'playing' && !allowsPlay();
  }

  function capVolume(volume) {
    const w = where();
    return w ? Math.min(volume, w.maxVolume) : volume;
  }

  function playLocally(trackIds) {
    const url = copy.audio_urls?.[trackIds[0]];
    if (url) player.play(url, trackIds[0], 0);
  }

  function enforceOffline() {
    const w = where();
    if (!w) return;
    if (w.day !== countedDay) { countedDay = w.day; listenedOffline = 0; }
    const status = player.status();
    if (status === 'playing') listenedOffline += 1;
    const decision = offline.decide(copy, now(), { status, trackId: player.trackId,
      listened: listened() });
    if (decision?.action === 'pause') player.fadeAndPause(copy.rules.bedtime.fade_seconds);
    if (decision?.action === 'bedtime' || decision?.action === 'wake') {
      playLocally(decision.track_ids);
    }
    if (status !== 'playing' && player.volume > w.maxVolume) player.setVolume(w.maxVolume);
  }

  function tick() {
    // Online the server decides; the copy still follows time, so that going offline
    // mid-night does not look like quiet time starting.
    if (socket.connected) {
      if (copy?.rules) offline.decide(copy, now(), { status: 'idle' });
    } else {
      enforceOffline();
    }
    render();
  }

  socket.addEventListener('hello', (e) => keep(e.detail.rules ?? null));
  socket.addEventListener('rules', (e) => keep(e.detail));
  setInterval(tick, 1000);
  render();
  return { allowsPlay, capVolume, render };
}
