// A short two-note chime made with WebAudio (no sound file to download), announcing a message.

let context = null;
const NOTES = [[1318.5, 0], [1046.5, 0.16]]; // E6 then C6, in Hz and seconds from the start
export const CHIME_MS = 600;

export function chime() {
  const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
  if (!Context) return false;
  context ||= new Context();
  if (context.state === 'suspended') context.resume().catch(() => {});
  const start = context.currentTime + 0.02;
  for (const [frequency, offset] of NOTES) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
    tone.connect(gain).connect(context.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.4);
  }
  return true;
}
