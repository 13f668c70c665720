// The sleep timer as a receiver command: stop after N minutes, or at the end of the current
// track, fading out over the last fade_seconds. Stopping just before the end means the
// track never reports `ended`, so the server does not move on to the next one.

export function startSleepTimer(player, audio) {
  let timer = null;
  let atTrackEnd = null;

  function cancel() {
    clearTimeout(timer);
    timer = null;
    if (atTrackEnd) audio.removeEventListener('timeupdate', atTrackEnd);
    atTrackEnd = null;
  }

  function start({ minutes, end_of_track: endOfTrack, fade_seconds: fade }) {
    cancel();
    if (endOfTrack) {
      atTrackEnd = () => {
        if (Number.isFinite(audio.duration) && audio.duration - audio.currentTime <= fade + 0.5) {
          cancel();
          player.fadeAndPause(Math.max(0, audio.duration - audio.currentTime - 0.5));
        }
      };
      audio.addEventListener('timeupdate', atTrackEnd);
    } else if (minutes > 0) {
      const fadeSeconds = Math.min(fade, minutes * 30);
      timer = setTimeout(() => { timer = null; player.fadeAndPause(fadeSeconds); },
        minutes * 60000 - fadeSeconds * 1000);
    }
  }

  return { start, cancel, active: () => timer !== null || atTrackEnd !== null };
}
