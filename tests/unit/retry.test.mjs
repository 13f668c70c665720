// Retrying loads: the backoff, which errors wait, and giving up when nobody wants the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, isRetryable, retryNow, withRetry } from '../../mobile/js/retry.js';

const outage = Object.assign(new Error('down'), { status: 0, code: 'unreachable' });

test('the backoff doubles from one second and stops at thirty', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map(backoffDelay),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('outages are retried, refusals are not', () => {
  for (const status of [0, 429, 500, 503]) assert.equal(isRetryable({ status }), true, status);
  for (const status of [400, 401, 404, 409, 422]) assert.equal(isRetryable({ status }), false, status);
  assert.equal(isRetryable({ status: 0, code: 'no_server' }), false);
});

test('a load that fails twice then succeeds resolves with its value, told of each wait', async () => {
  let calls = 0;
  const waits = [];
  const pending = withRetry(async () => {
    calls += 1;
    if (calls < 3) throw outage;
    return 'tracks';
  }, { onError: (error, delay) => { waits.push(delay); setTimeout(retryNow, 0); } });
  assert.equal(await pending, 'tracks');
  assert.equal(calls, 3);
  assert.deepEqual(waits, [1000, 2000]);
});

test('a refusal is thrown at once', async () => {
  let calls = 0;
  const refused = Object.assign(new Error('gone'), { status: 404 });
  await assert.rejects(withRetry(async () => { calls += 1; throw refused; }), refused);
  assert.equal(calls, 1);
});

test('a load nobody wants any more stops retrying', async () => {
  let current = true;
  let calls = 0;
  const pending = withRetry(async () => { calls += 1; throw outage; },
    { isCurrent: () => current, onError: () => { current = false; setTimeout(retryNow, 0); } });
  await assert.rejects(pending, outage);
  assert.equal(calls, 1);
});
