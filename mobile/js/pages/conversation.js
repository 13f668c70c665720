// A conversation with one receiver (extras: {deviceId, name}): bubbles with durations and play
// buttons, a text box, and a hold-to-talk button that records a voice clip.
import { absoluteUrl, api } from '../api.js';
import { boot } from '../boot.js';
import { Conversation } from '../conversation.js';
import { EVENTS, on } from '../events.js';
import { withRetry } from '../retry.js';
import { $, el, formatTime, onAction, replace } from '../ui.js';
import { sendClip, VoiceRecorder } from '../voice.js';

let store = null;
let playing = null; // {player, node} of the clip being played

function bubble(message) {
  const body = message.kind === 'voice'
    ? el('div', { class: 'tc-voice' },
      el('button', { type: 'button', class: 'tc-icon-btn', 'data-action': 'play-voice',
        'data-message-id': message.id, 'aria-label': 'Play', text: '▶' }),
      el('span', { 'data-duration': '', text: formatTime(message.duration) }))
    : el('p', { 'data-text': '', text: message.text });
  return el('li', { class: `tc-bubble tc-from-${message.from}`, 'data-message': message.id,
    'data-from': message.from, 'data-kind': message.kind }, body);
}

function render() {
  const list = $('[data-messages]');
  replace(list, ...store.messages.map(bubble));
  document.body.dataset.count = String(store.messages.length);
  list.lastElementChild?.scrollIntoView({ block: 'end' });
}

function stopPlaying() {
  if (!playing) return;
  playing.player.stop();
  playing.player.close();
  delete playing.node.dataset.playing;
  playing = null;
}

function playVoice(node) {
  const message = store.messages.find((m) => m.id === node.dataset.messageId);
  stopPlaying();
  if (!message) return;
  const item = node.closest('[data-message]');
  const player = plus.audio.createPlayer({ src: absoluteUrl(message.audio_url) });
  playing = { player, node: item };
  item.dataset.playing = 'true';
  player.play(() => { item.dataset.played = 'true'; stopPlaying(); },
    () => { mui.toast('This message could not be played'); stopPlaying(); });
}

async function sendText() {
  const input = $('[data-message-input]');
  const text = input.value.trim();
  if (!text) return;
  store.add(await api.sendText(store.deviceId, text));
  input.value = '';
}

const CANCEL_PX = 80;  // how far left a held finger slides to throw the clip away

// Hold to talk: a timer counts while recording; sliding left past CANCEL_PX and letting go
// discards the clip instead of sending it.
function holdToTalk(button) {
  const recorder = new VoiceRecorder();
  const timer = $('[data-record-timer]');
  let held = false;
  let startX = 0;
  let ticking = null;
  const state = (value) => { button.dataset.record = value; };
  const showTimer = (since) => {
    clearInterval(ticking);
    timer.hidden = !since;
    if (!since) return;
    const tick = () => { timer.dataset.elapsed = formatTime((Date.now() - since) / 1000); };
    tick();
    ticking = setInterval(tick, 250);
  };
  const finish = async () => {
    const cancelled = button.dataset.record === 'cancel';
    showTimer(null);
    const clip = await recorder.stop();
    if (!clip || cancelled) { state(cancelled ? 'cancelled' : 'idle'); return; }
    state('sending');
    try {
      store.add(await sendClip(store.deviceId, clip));
      state('sent');
    } catch (error) {
      state('failed');
      mui.toast(error.message);
    }
  };
  const release = () => {
    if (!held) return;
    held = false;
    if (['recording', 'cancel'].includes(button.dataset.record)) finish();
  };
  recorder.onLimit = release;
  button.addEventListener('pointerdown', async (e) => {
    e.preventDefault();
    held = true;
    startX = e.clientX;
    button.setPointerCapture?.(e.pointerId);  // a slide off the button still reaches it
    try {
      await recorder.start();
      state('recording');
      showTimer(Date.now());
      if (!held) finish(); // let go while the microphone was starting
    } catch (error) {
      state('failed');
      mui.toast(error.message || 'The microphone is not available');
    }
  });
  button.addEventListener('pointermove', (e) => {
    if (!held || !['recording', 'cancel'].includes(button.dataset.record)) return;
    state(startX - e.clientX > CANCEL_PX ? 'cancel' : 'recording');
  });
  button.addEventListener('pointerup', release);
  button.addEventListener('pointercancel', release);
}

async function main() {
  const self = await boot();
  store = new Conversation(self.deviceId);
  $('[data-page-title]').textContent = self.name || 'Messages';
  store.addEventListener('change', render);
  onAction(document.body, {
    'play-voice': playVoice,
    'send-text': () => sendText().catch(() => {}),
  });
  holdToTalk($('[data-action="record"]'));
  on(EVENTS.MESSAGE_NEW, ({ message }) => { if (store.add(message)) store.markRead(); });
  await withRetry(() => store.load()).catch(() => mui.toast("Couldn't load the messages"));
  await store.markRead();
  document.body.dataset.ready = 'true';
}

main();
