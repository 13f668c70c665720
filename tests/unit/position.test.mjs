// The remote's smooth position: extrapolated while playing, held otherwise, capped at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatePosition, PositionClock, reportedAt } from '../../mobile/js/position.js';

test('a playing track advances with the clock between reports', () => {
  assert.equal(estimatePosition({ status: 'playing', position: 10, duration: 60 }, 1000, 3500), 12.5);
});

test('a paused, buffering or stopped track holds its reported position', () => {
  for (const status of ['paused', 'buffering', 'stopped', 'idle']) {
    assert.equal(estimatePosition({ status, position: 10, duration: 60 }, 0, 9000), 10);
  }
});

test('the estimate never passes the duration', () => {
  assert.equal(estimatePosition({ status: 'playing', position: 58, duration: 60 }, 0, 10000), 60);
});

test('an unknown duration does not cap, and a clock going back does not rewind', () => {
  assert.equal(estimatePosition({ status: 'playing', position: 5, duration: null }, 0, 2000), 7);
  assert.equal(estimatePosition({ status: 'playing', position: 5, duration: 9 }, 2000, 1000), 5);
});

test('no report yet is position 0', () => {
  assert.equal(new PositionClock(() => 0).position(), 0);
});

test('the clock moves smoothly, in steps far below the 5 s between reports', () => {
  let now = 0;
  const clock = new PositionClock(() => now);
  clock.report({ status: 'playing', position: 20, duration: 100 });
  const seen = [];
  for (now = 0; now <= 5000; now += 250) seen.push(clock.position());
  const steps = seen.slice(1).map((p, i) => p - seen[i]);
  assert.ok(steps.every((s) => Math.abs(s - 0.25) < 1e-9), `steps: ${steps}`);
  clock.report({ status: 'paused', position: 25.2, duration: 100 });
  now += 3000;
  assert.equal(clock.position(), 25.2);
});

test('a snapshot counts from when it was reported, within a window against clock skew', () => {
  const now = Date.parse('2026-12-02T07:00:10Z');
  assert.equal(reportedAt({ updated_at: '2026-12-02T07:00:06Z' }, now), now - 4000);
  assert.equal(reportedAt({ updated_at: '2026-12-02T06:50:00Z' }, now), now - 10000);
  assert.equal(reportedAt({ updated_at: '2026-12-02T07:00:30Z' }, now), now);
  assert.equal(reportedAt({}, now), now);
  const clock = new PositionClock(() => now);
  clock.report({ status: 'playing', position: 3, duration: 60 }, now - 4000);
  assert.equal(clock.position(), 7);
});
