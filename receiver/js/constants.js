// Names shared by the receiver's modules: storage keys, API paths, protocol vocabulary.

export const STORAGE = {
  token: 'tapcast.receiver.device_token',
  deviceId: 'tapcast.receiver.device_id',
  code: 'tapcast.receiver.pairing_code',
  codeExpires: 'tapcast.receiver.pairing_expires_at',
  autoplayMessages: 'tapcast.receiver.autoplay_messages', // 'off' = wait for a tap
  lastState: 'tapcast.receiver.last_state', // {track_id, position} of the last report
  rules: 'tapcast.receiver.rules', // the house rules as the server last sent them
};

export const API = {
  register: '/api/v1/devices',
  pairingCode: '/api/v1/devices/pairing-code',
  pairingQr: (code) => `/api/v1/devices/pairing-qr.svg?code=${encodeURIComponent(code)}`,
  socket: (token) => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws?device_token=${encodeURIComponent(token)}`;
  },
};

// The receiver reports state on each of these and, without an event, every few seconds.
export const EVENTS = ['started', 'paused', 'resumed', 'ended', 'seeked', 'volume_changed',
  'state_changed'];
export const REPORT_EVERY_MS = 5000;
export const CLOSE_UNAUTHORIZED = 4401;
