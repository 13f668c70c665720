// The conversation store keeps one receiver's messages in order, each once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation } from '../../mobile/js/conversation.js';

const message = (seq, deviceId = 'd1') => ({ id: `m${seq}`, seq, device_id: deviceId });

test('messages are kept oldest first, once, and only for this receiver', () => {
  const chat = new Conversation('d1');
  let changes = 0;
  chat.addEventListener('change', () => { changes += 1; });
  assert.equal(chat.add(message(2)), true);
  assert.equal(chat.add(message(1)), true);
  assert.equal(chat.add(message(2)), false);
  assert.equal(chat.add(message(3, 'other')), false);
  assert.deepEqual(chat.messages.map((m) => m.id), ['m1', 'm2']);
  assert.equal(changes, 2);
});
