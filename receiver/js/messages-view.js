// The receiver's message panel: a chime and a badge when a message arrives, the clip played on
// a tap or at once when the receiver is idle (a setting), queued tracks held back while it
// plays, and a press-to-talk button that sends the owner a voice clip.

import { CHIME_MS, chime } from './chime.js';
import { STORAGE } from './constants.js';
import { conversationApi } from './conversation-api.js';
import { Inbox } from './inbox.js';
import { VoiceRecorder } from './recorder.js';

const PLAYBACK_ACTIONS = ['play', 'pause', 'resume', 'stop', 'next', 'prev'];
const STATUS_TEXT = {
  playing: 'Playing a message…', showing: 'A message for you', played: 'Message played',
  read: '', failed: 'The message could not be played', blocked: 'Tap “New message” to hear it',
  'no-microphone': 'No microphone: allow it to talk back',
};

// run(command) obeys a phone's command; the returned pass(command) holds it while a message plays.
export function startMessages(root, { socket, player, run }) {
  const $ = (hook) => root.querySelector(`[${hook}]`);
  const api = conversationApi(() => ({
    token: localStorage.getItem(STORAGE.token), deviceId: localStorage.getItem(STORAGE.deviceId),
  }));
  const inbox = new Inbox(api);
  const audio = $('data-message-audio');
  const held = []; // commands that arrived while a message held the speaker
  let resumeMusic = false;
  let chimes = 0;

  const autoplay = () => localStorage.getItem(STORAGE.autoplayMessages) !== 'off';
  const idle = () => !['playing', 'buffering'].includes(player.status());

  function setStatus(status) {
    const line = $('data-message-status');
    line.dataset.messageStatus = status;
    line.textContent = STATUS_TEXT[status] ?? '';
  }

  function render() {
    const waiting = inbox.pending.length;
    $('data-unread-count').textContent = String(waiting);
    $('data-action="play-message"').hidden = waiting === 0 || inbox.current !== null;
    const text = inbox.current?.kind === 'text' ? inbox.current.text : '';
    $('data-message-text').textContent = text;
    $('data-message-text').hidden = !text;
    $('data-action="message-done"').hidden = !text;
  }

  function playNext() {
    const message = inbox.next();
    if (!message) return;
    if (message.kind === 'text') {
      setStatus('showing');
      return;
    }
    setStatus('playing');
    audio.src = message.audio_url;
    audio.play().catch(() => {
      setStatus('blocked');
      inbox.putBack();
    });
  }

  async function finish(status) {
    setStatus(status);
    await inbox.done();
    if (autoplay() && idle()) playNext();
  }

  function release() {
    const commands = held.splice(0);
    commands.forEach(run);
    if (resumeMusic && !commands.some((c) => PLAYBACK_ACTIONS.includes(c.action))) {
      player.resume();
    }
    resumeMusic = false;
  }

  function announce() {
    chime();
    chimes += 1;
    root.dataset.messageChimes = String(chimes);
    if (autoplay() && idle() && !inbox.current) setTimeout(playNext, CHIME_MS);
  }

  inbox.addEventListener('changed', render);
  inbox.addEventListener('arrived', announce);
  inbox.addEventListener('busy', (e) => {
    if (e.detail && player.status() === 'playing') {
      resumeMusic = true;
      player.pause();
    } else if (!e.detail) {
      release();
    }
  });
  audio.addEventListener('ended', () => finish('played'));
  audio.addEventListener('error', () => { if (inbox.busy) finish('failed'); });

  socket.addEventListener('hello', (e) => {
    if (!e.detail.device.paired) return;
    inbox.load().then((count) => { if (count) announce(); }).catch(() => {});
  });
  socket.addEventListener('message.new', (e) => inbox.receive(e.detail.message));

  $('data-action="play-message"').addEventListener('click', playNext);
  $('data-action="message-done"').addEventListener('click', () => finish('read'));
  const setting = $('data-setting="autoplay-messages"');
  setting.checked = autoplay();
  setting.addEventListener('change', () => {
    localStorage.setItem(STORAGE.autoplayMessages, setting.checked ? 'on' : 'off');
  });
  pressToTalk($('data-action="talk"'), api, setStatus);

  return {
    pass(command) {
      if (inbox.busy) held.push(command);
      else run(command);
    },
  };
}

function pressToTalk(button, api, setStatus) {
  const recorder = new VoiceRecorder();
  let held = false; // the button is down (the microphone may still be starting)
  const state = (value) => { button.dataset.talk = value; };
  const send = async () => {
    const clip = await recorder.stop();
    if (!clip) return state('idle');
    state('sending');
    try {
      await api.sendVoice(clip);
      state('sent');
    } catch {
      state('failed');
    }
  };
  const release = () => {
    held = false;
    if (recorder.recording) send();
  };
  button.addEventListener('pointerdown', async (e) => {
    e.preventDefault();
    held = true;
    try {
      await recorder.start();
      state('recording');
      if (!held) send(); // released while the microphone was starting
    } catch {
      state('failed');
      setStatus('no-microphone');
    }
  });
  button.addEventListener('pointerup', release);
  button.addEventListener('pointerleave', release);
  recorder.addEventListener('limit', release);
}
