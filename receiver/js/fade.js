// Fading the receiver's sound: the volume steps down over `seconds`, then `done` runs and the
// volume the listener had comes back for the next play. One fade at a time.

const STEP_MS = 100;
let running = null;

export function fadeOut(audio, seconds, done) {
  if (running) return;  // a repeated stop does not restart the fade
  const start = audio.volume;
  const steps = Math.max(1, Math.round((seconds * 1000) / STEP_MS));
  let step = 0;
  running = setInterval(() => {
    step += 1;
    audio.volume = Math.max(0, start * (1 - step / steps));
    if (step >= steps) {
      clearInterval(running);
      running = null;
      done();
      audio.volume = start;
    }
  }, STEP_MS);
}

export function fading() { return running !== null; }
