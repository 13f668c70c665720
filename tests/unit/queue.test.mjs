// The queue store: next/prev at the ends, repeat off/all/one, shuffle, remove, move, play next.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Queue } from '../../mobile/js/queue.js';

const list = (n) => Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));
const ids = (queue) => queue.tracks.map((t) => t.id);

function queueOf(n, index = 0, options = {}) {
  const queue = new Queue(options);
  queue.set(list(n), index);
  return queue;
}

test('set starts at the tapped track and keeps the rest of the list', () => {
  const queue = queueOf(4, 2);
  assert.equal(queue.current.id, 't2');
  assert.deepEqual(ids(queue), ['t0', 't1', 't2', 't3']);
});

test('next stops at the end with repeat off', () => {
  const queue = queueOf(2, 1);
  assert.equal(queue.next(true), false);
  assert.equal(queue.current.id, 't1');
});

test('repeat all wraps both ways', () => {
  const queue = queueOf(3, 2);
  queue.setRepeat('all');
  assert.equal(queue.next(true), true);
  assert.equal(queue.current.id, 't0');
  assert.equal(queue.prev(), true);
  assert.equal(queue.current.id, 't2');
});

test('repeat one repeats a track that ended, but Next still moves on', () => {
  const queue = queueOf(3, 1);
  queue.setRepeat('one');
  assert.equal(queue.nextIndex(true), 1);
  assert.equal(queue.nextIndex(false), 2);
});

test('cycleRepeat goes off, all, one, off', () => {
  const queue = queueOf(1);
  assert.deepEqual([queue.cycleRepeat(), queue.cycleRepeat(), queue.cycleRepeat()], ['all', 'one', 'off']);
});

test('prev at the start with repeat off goes nowhere', () => {
  const queue = queueOf(3, 0);
  assert.equal(queue.prevIndex(), -1);
  assert.equal(queue.prev(), false);
});

test('shuffle keeps the current track first and every track once; off restores the order', () => {
  let seed = 0.37;
  const random = () => { seed = (seed * 9301 + 0.49297) % 1; return seed; };
  const queue = queueOf(8, 3, { random });
  queue.setShuffle(true);
  assert.equal(queue.index, 0);
  assert.equal(queue.current.id, 't3');
  assert.deepEqual([...ids(queue)].sort(), ids(queueOf(8)).sort());
  assert.notDeepEqual(ids(queue), ['t3', 't0', 't1', 't2', 't4', 't5', 't6', 't7']);
  queue.next();
  const playing = queue.current.id;
  queue.setShuffle(false);
  assert.deepEqual(ids(queue), ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
  assert.equal(queue.current.id, playing);
});

test('remove before the current track keeps the current one playing', () => {
  const queue = queueOf(4, 2);
  assert.equal(queue.remove(0), false);
  assert.equal(queue.current.id, 't2');
  assert.equal(queue.index, 1);
});

test('removing the current track says so and the next takes its place', () => {
  const queue = queueOf(3, 1);
  assert.equal(queue.remove(1), true);
  assert.equal(queue.current.id, 't2');
});

test('removing the last track when it is current moves to the new last', () => {
  const queue = queueOf(3, 2);
  assert.equal(queue.remove(2), true);
  assert.equal(queue.current.id, 't1');
});

test('move reorders and the current track stays current', () => {
  const queue = queueOf(4, 1);
  queue.move(3, 0);
  assert.deepEqual(ids(queue), ['t3', 't0', 't1', 't2']);
  assert.equal(queue.current.id, 't1');
  assert.equal(queue.index, 2);
});

test('play next puts a later or an earlier track right after the current one', () => {
  const queue = queueOf(5, 1);
  queue.playNext(4);
  assert.deepEqual(ids(queue), ['t0', 't1', 't4', 't2', 't3']);
  queue.playNext(0);
  assert.deepEqual(ids(queue), ['t1', 't0', 't4', 't2', 't3']);
  assert.equal(queue.current.id, 't1');
});

test('add appends or inserts next, and starts an empty queue', () => {
  const queue = new Queue();
  queue.add([{ id: 'a' }]);
  assert.equal(queue.current.id, 'a');
  queue.add([{ id: 'c' }]);
  queue.add([{ id: 'b' }], 'next');
  assert.deepEqual(ids(queue), ['a', 'b', 'c']);
});

test('toJSON and restore bring back tracks, index, repeat, shuffle and the list order', () => {
  const queue = queueOf(5, 2);
  queue.setRepeat('all');
  queue.setShuffle(true);
  const copy = new Queue();
  copy.restore(JSON.parse(JSON.stringify(queue)));
  assert.deepEqual(ids(copy), ids(queue));
  assert.equal(copy.current.id, 't2');
  assert.equal(copy.repeat, 'all');
  copy.setShuffle(false);
  assert.deepEqual(ids(copy), ['t0', 't1', 't2', 't3', 't4']);
});

test('every change is announced', () => {
  const queue = queueOf(3);
  let changes = 0;
  queue.addEventListener('change', () => { changes += 1; });
  queue.next();
  queue.move(0, 2);
  queue.remove(0);
  queue.setRepeat('one');
  assert.equal(changes, 4);
});
