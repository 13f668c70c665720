// Records a voice clip with MediaRecorder (WebM/Opus where the browser has it) while a button
// is held; stops by itself at the length limit. stop() resolves to the recorded Blob.

const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
export const MAX_RECORD_MS = 59500;

export function recordingType() {
  if (typeof MediaRecorder === 'undefined') return null;
  return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || '';
}

export class VoiceRecorder extends EventTarget {
  constructor() {
    super();
    this.recorder = null;
    this.chunks = [];
  }

  get recording() { return this.recorder !== null && this.recorder.state === 'recording'; }

  async start() {
    const type = recordingType();
    if (type === null) throw new Error('This browser cannot record sound');
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    this.chunks = [];
    this.recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    this.recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size) this.chunks.push(e.data);
    });
    this.recorder.start();
    this.limit = setTimeout(() => this.dispatchEvent(new CustomEvent('limit')), MAX_RECORD_MS);
  }

  // The clip as a Blob (null when nothing was recorded); releases the microphone.
  stop() {
    clearTimeout(this.limit);
    const recorder = this.recorder;
    this.recorder = null;
    if (!recorder || recorder.state === 'inactive') return Promise.resolve(null);
    return new Promise((resolve) => {
      recorder.addEventListener('stop', () => {
        recorder.stream.getTracks().forEach((track) => track.stop());
        const blob = new Blob(this.chunks, { type: recorder.mimeType || 'audio/webm' });
        resolve(blob.size ? blob : null);
      }, { once: true });
      recorder.stop();
    });
  }
}
