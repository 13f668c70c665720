// The receiver's side of its conversation with its owner, with its own device token.

import { request } from './api.js';

const base = (deviceId) => `/api/v1/conversations/${encodeURIComponent(deviceId)}`;

// {summary(), list(), markRead(seq), sendVoice(blob)} for the credentials() of the moment.
export function conversationApi(credentials) {
  const call = (method, tail, body) => {
    const { token, deviceId } = credentials();
    return request(method, base(deviceId) + tail, { token, body });
  };
  return {
    summary: () => call('GET', ''),
    list: () => call('GET', '/messages?per_page=50'),
    markRead: (seq) => call('POST', '/read', { up_to_seq: seq }),
    sendVoice: (blob) => {
      const { token, deviceId } = credentials();
      const form = new FormData();
      form.append('audio', blob, blob.type.includes('ogg') ? 'voice.ogg' : 'voice.webm');
      return request('POST', `${base(deviceId)}/messages`, { token, form });
    },
  };
}
