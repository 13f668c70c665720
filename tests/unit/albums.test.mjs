// Pure album helpers: tracks grouped by disc, summary lines, a shuffle that keeps every track.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { albumLine, artistLine, byDisc, shuffled } from '../../mobile/js/albums.js';

test('byDisc groups consecutive tracks by disc number, no number meaning disc 1', () => {
  const tracks = [{ id: 'a' }, { id: 'b', disc_number: 1 }, { id: 'c', disc_number: 2 },
    { id: 'd', disc_number: 2 }];
  assert.deepEqual(byDisc(tracks).map((g) => [g.disc, g.tracks.map((t) => t.id)]),
    [[1, ['a', 'b']], [2, ['c', 'd']]]);
  assert.deepEqual(byDisc([]), []);
});

test('albumLine names the year, the tracks and the length', () => {
  assert.equal(albumLine({ year: 2001, track_count: 12, duration: 2890 }), '2001 · 12 tracks · 48 min');
  assert.equal(albumLine({ year: null, track_count: 1, duration: 21.9 }), '1 track · 0:21');
});

test('artistLine counts albums and tracks, leaving out what is zero', () => {
  assert.equal(artistLine({ album_count: 1, track_count: 3 }), '1 album · 3 tracks');
  assert.equal(artistLine({ album_count: 0, track_count: 1 }), '1 track');
});

test('shuffled returns a permutation and leaves the list alone', () => {
  const list = Array.from({ length: 20 }, (_, i) => i);
  let seed = 7;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const result = shuffled(list, random);
  assert.deepEqual([...result].sort((a, b) => a - b), list);
  assert.notDeepEqual(result, list);
  assert.deepEqual(list, Array.from({ length: 20 }, (_, i) => i));
});
