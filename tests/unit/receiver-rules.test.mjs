// The receiver's copy of the house rules: the schedule read as the server reads it, and the
// decisions it takes alone while offline, through a week with the test's own clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OfflineRules, situation } from '../../receiver/js/rules.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const A = 'a'.repeat(24);
const MOON = 'b'.repeat(24);
const SONG = 'c'.repeat(24);

function copy(fields = {}, bonusUntil = null) {
  return { bonus_until: bonusUntil, rules: {
    time_zone: 'Europe/Berlin', max_volume: { day: 0.8, night: 0.3 },
    quiet_time: DAYS.map((day) => ({ day, start: '19:30', end: '07:00' })),
    bedtime: { mode: 'fade', fade_seconds: 10, track_ids: [] }, wake: { track_id: null },
    daily_limit_minutes: null, allowed: null, ...fields } };
}

const utc = (text) => Date.parse(text);

test('a whole week, every quarter hour, is quiet exactly from 19:30 to 07:00 Berlin time', () => {
  const start = utc('2026-12-06T23:00:00Z'); // Monday 00:00 in Berlin (UTC+1)
  for (let step = 0; step < 7 * 24 * 4; step += 1) {
    const now = start + step * 15 * 60000;
    const wall = new Date(now + 3600000); // Berlin is UTC+1 all December
    const minutes = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    const quiet = minutes >= 19 * 60 + 30 || minutes < 7 * 60;
    assert.equal(situation(copy(), now).quiet, quiet, wall.toISOString());
    assert.equal(situation(copy(), now).maxVolume, quiet ? 0.3 : 0.8);
  }
});

test('the spring-forward night ends at 07:00 CEST, 05:00 UTC', () => {
  assert.equal(situation(copy(), utc('2026-03-29T04:59:00Z')).quiet, true);
  assert.equal(situation(copy(), utc('2026-03-29T05:00:00Z')).quiet, false);
  assert.equal(situation(copy(), utc('2026-03-29T01:30:00Z')).period, '2026-03-28T19:30');
});

test('the fall-back night ends at 07:00 CET, 06:00 UTC', () => {
  assert.equal(situation(copy(), utc('2026-10-25T05:59:00Z')).quiet, true);
  assert.equal(situation(copy(), utc('2026-10-25T06:00:00Z')).quiet, false);
});

test('one night keeps one name across midnight', () => {
  const before = situation(copy(), utc('2026-12-07T22:00:00Z')).period;
  const after = situation(copy(), utc('2026-12-08T03:00:00Z')).period;
  assert.equal(before, '2026-12-07T19:30');
  assert.equal(after, before);
});

test('offline: quiet time starting mid-track pauses, bonus lets play until it expires', () => {
  const rules = new OfflineRules();
  const playing = { status: 'playing', trackId: A };
  assert.equal(rules.decide(copy(), utc('2026-12-07T18:00:00Z'), playing), null);
  assert.deepEqual(rules.decide(copy(), utc('2026-12-07T18:30:05Z'), playing),
    { action: 'pause', reason: 'quiet_time' });
  const bonus = copy({}, '2026-12-07T18:45:05Z');
  assert.equal(rules.decide(bonus, utc('2026-12-07T18:40:00Z'), playing), null);
  assert.deepEqual(rules.decide(bonus, utc('2026-12-07T18:45:06Z'), playing),
    { action: 'pause', reason: 'quiet_time' });
  assert.equal(rules.decide(bonus, utc('2026-12-07T18:46:00Z'), { status: 'paused' }), null);
});

test('offline: the bedtime track starts with quiet time and plays to its end', () => {
  const rules = new OfflineRules();
  const night = copy({ bedtime: { mode: 'track', fade_seconds: 5, track_ids: [MOON] } });
  rules.decide(night, utc('2026-12-09T18:00:00Z'), { status: 'idle' });
  assert.deepEqual(rules.decide(night, utc('2026-12-09T18:30:01Z'), { status: 'idle' }),
    { action: 'bedtime', track_ids: [MOON] });
  assert.equal(rules.decide(night, utc('2026-12-09T18:35:00Z'),
    { status: 'playing', trackId: MOON }), null);
  assert.deepEqual(rules.decide(night, utc('2026-12-09T18:36:00Z'),
    { status: 'playing', trackId: A }), { action: 'pause', reason: 'quiet_time' });
});

test('offline: wake time plays its track once', () => {
  const rules = new OfflineRules();
  const morning = copy({ wake: { track_id: SONG } });
  rules.decide(morning, utc('2026-12-08T05:00:00Z'), { status: 'idle' });
  assert.deepEqual(rules.decide(morning, utc('2026-12-08T06:00:30Z'), { status: 'idle' }),
    { action: 'wake', track_ids: [SONG] });
  assert.equal(rules.decide(morning, utc('2026-12-08T06:01:00Z'), { status: 'idle' }), null);
});

test('offline: the daily limit pauses what plays', () => {
  const rules = new OfflineRules();
  const limited = copy({ daily_limit_minutes: 30 });
  const now = utc('2026-12-08T10:00:00Z');
  assert.equal(rules.decide(limited, now, { status: 'playing', trackId: A, listened: 1799 }),
    null);
  assert.deepEqual(rules.decide(limited, now, { status: 'playing', trackId: A, listened: 1800 }),
    { action: 'pause', reason: 'limit_reached' });
});
