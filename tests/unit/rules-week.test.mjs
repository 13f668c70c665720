// The Rules page's model: weekday rows to quiet_time and back, and the report's bars.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barHeights, crossesMidnight, quietTimeFrom, rowsFrom } from '../../mobile/js/rules-week.js';

test('rows round-trip through quiet_time, days without an entry are off', () => {
  const quiet = [{ day: 'fri', start: '20:30', end: '08:00' }, { day: 'mon', start: '19:00', end: '06:30' }];
  const rows = rowsFrom(quiet);
  assert.equal(rows.length, 7);
  assert.deepEqual(rows.filter((r) => r.on).map((r) => r.day), ['mon', 'fri']);
  assert.deepEqual(quietTimeFrom(rows), [quiet[1], quiet[0]]);
  assert.equal(crossesMidnight(rows[0]), true);
});

test('bars are scaled to the longest day', () => {
  assert.deepEqual(barHeights([{ minutes: 0 }, { minutes: 30 }, { minutes: 60 }]), [0, 50, 100]);
  assert.deepEqual(barHeights([{ minutes: 0 }]), [0]);
});
