// The socket's URL and its reconnect schedule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, socketUrl } from '../../mobile/js/socket.js';

test('the socket URL follows the server address and carries the token', () => {
  assert.equal(socketUrl('http://127.0.0.1:5000', 'a b'), 'ws://127.0.0.1:5000/ws?token=a+b');
  assert.equal(socketUrl('https://example.org', 't'), 'wss://example.org/ws?token=t');
});

test('reconnect delays double from one second and stop growing at thirty', () => {
  const top = (attempt) => backoffDelay(attempt, () => 1);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map(top), [1000, 2000, 4000, 8000, 16000, 30000,
    30000, 30000]);
});

test('jitter keeps each delay between half and all of its step', () => {
  assert.equal(backoffDelay(2, () => 0), 2000);
  assert.equal(backoffDelay(2, () => 0.5), 3000);
});
