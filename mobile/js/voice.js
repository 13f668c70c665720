// Voice clips from the phone: recorded with plus.audio.getRecorder() when packaged (AMR, the
// format HTML5+ records everywhere) or MediaRecorder in a browser (WebM/Opus), and uploaded
// to a conversation (plus.uploader when packaged, fetch in a browser).
import { ApiError } from './api.js';
import { serverUrl, token } from './settings.js';

export const MAX_RECORD_MS = 59500;
const BROWSER_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm',
  'audio/mp4'];

const packaged = () => /Html5Plus/i.test(navigator.userAgent);
const messagesUrl = (deviceId) =>
  `${serverUrl()}/api/v1/conversations/${encodeURIComponent(deviceId)}/messages`;

// Records while held: start(), then stop() resolves to a clip ({path} or {blob}) or null.
export class VoiceRecorder {
  async start() {
    if (packaged()) this.startNative();
    else await this.startBrowser();
    this.limit = setTimeout(() => this.onLimit?.(), MAX_RECORD_MS);
  }

  startNative() {
    const recorder = plus.audio.getRecorder();
    this.native = recorder;
    this.result = new Promise((resolve, reject) => {
      recorder.record({ filename: '_doc/voice/', format: 'amr' }, (path) => resolve({ path }),
        (error) => reject(new Error(error.message)));
    });
  }

  async startBrowser() {
    if (typeof MediaRecorder === 'undefined') throw new Error('This browser cannot record sound');
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = BROWSER_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks = [];
    recorder.addEventListener('dataavailable', (e) => { if (e.data.size) chunks.push(e.data); });
    this.result = new Promise((resolve) => {
      recorder.addEventListener('stop', () => {
        stream.getTracks().forEach((track) => track.stop());
        const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
        resolve(blob.size ? { blob } : null);
      }, { once: true });
    });
    this.browser = recorder;
    recorder.start();
  }

  async stop() {
    clearTimeout(this.limit);
    if (this.native) this.native.stop();
    else if (this.browser?.state === 'recording') this.browser.stop();
    this.native = null;
    this.browser = null;
    return this.result ?? null;
  }
}

function decode(status, text) {
  let payload = null;
  try { payload = JSON.parse(text); } catch { /* not JSON: reported below */ }
  if (status >= 200 && status < 300 && payload) return payload;
  const error = payload?.error || {};
  throw new ApiError(status, error.code || 'error',
    error.message || `The server answered ${status}`, error.details || {});
}

function uploadNative(deviceId, path) {
  return new Promise((resolve, reject) => {
    const task = plus.uploader.createUpload(messagesUrl(deviceId), { method: 'POST' },
      (done, status) => {
        try { resolve(decode(status, done.responseText)); } catch (error) { reject(error); }
      });
    task.addFile(path, { key: 'audio' });
    task.setRequestHeader('Authorization', `Bearer ${token()}`);
    task.start();
  });
}

async function uploadBrowser(deviceId, blob) {
  const form = new FormData();
  form.append('audio', blob, blob.type.includes('ogg') ? 'voice.ogg' : 'voice.webm');
  const response = await fetch(messagesUrl(deviceId), { method: 'POST', body: form,
    headers: { Authorization: `Bearer ${token()}` } });
  return decode(response.status, await response.text());
}

// Send a recorded clip; resolves to the Message, rejects with an ApiError.
export function sendClip(deviceId, clip) {
  return clip.path ? uploadNative(deviceId, clip.path) : uploadBrowser(deviceId, clip.blob);
}
