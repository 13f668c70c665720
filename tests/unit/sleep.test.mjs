// The sleep timer: fades over the last seconds, pauses at the end, and "end of track" stops
// the queue after the current track; cancel restores the volume.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SleepTimer } from '../../mobile/js/sleep.js';

function fakePlayer() {
  return { status: 'playing', volume: 1, position: 0, duration: 100, stopAtEnd: false, paused: 0,
    setVolume(v) { this.volume = v; }, pause() { this.paused += 1; this.status = 'paused'; } };
}

// The test's clock: time moves when the test says, and ticks run when it calls _tick().
function timer(player, clock) {
  return new SleepTimer(player, { now: () => clock.now, every: () => 0 });
}

test('a timer of N minutes fades over its last seconds and pauses at the end', () => {
  const clock = { now: 0 };
  const player = fakePlayer();
  const sleep = timer(player, clock);
  sleep.start(1);
  clock.now = 45000;
  sleep._tick();
  assert.equal(player.volume, 1);
  clock.now = 55000;
  sleep._tick();
  assert.ok(Math.abs(player.volume - 0.5) < 1e-9, `half-way through the fade: ${player.volume}`);
  clock.now = 60000;
  sleep._tick();
  assert.equal(player.paused, 1);
  assert.equal(sleep.mode, null);
  assert.equal(player.volume, 1, 'the next play is at full volume');
});

test('a very short timer fades over its second half', () => {
  const clock = { now: 0 };
  const player = fakePlayer();
  const sleep = timer(player, clock);
  sleep.start(0.1);
  assert.equal(sleep.fadeSeconds, 3);
  clock.now = 4500;
  sleep._tick();
  assert.ok(Math.abs(player.volume - 0.5) < 1e-9);
});

test('end of track asks the player to stop after it and fades its last seconds', () => {
  const player = fakePlayer();
  const sleep = timer(player, { now: 0 });
  sleep.start('track');
  assert.equal(player.stopAtEnd, true);
  player.position = 95;
  sleep._tick();
  assert.ok(Math.abs(player.volume - 0.5) < 1e-9);
  assert.deepEqual(sleep.snapshot(), { mode: 'track', remaining: 5 });
  player.status = 'ended';
  sleep._tick();
  assert.equal(sleep.snapshot(), null);
  assert.equal(player.volume, 1);
});

test('cancel turns it off and a bad number starts nothing', () => {
  const player = fakePlayer();
  const sleep = timer(player, { now: 0 });
  sleep.start('track');
  sleep.cancel();
  assert.equal(player.stopAtEnd, false);
  sleep.start(0);
  sleep.start('soon');
  assert.equal(sleep.mode, null);
});
