// The device store applies the socket's events to the device they name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceStore, statusLabel } from '../../mobile/js/devices.js';

const kitchen = { id: 'd1', name: 'Kitchen', online: true, state: null, queue: { track_ids: [], index: -1 } };

function store() {
  const devices = new DeviceStore();
  devices.replaceAll([structuredClone(kitchen)]);
  return devices;
}

test('state, presence and queue events update the named device and announce it', () => {
  const devices = store();
  const changed = [];
  devices.addEventListener('change', (e) => changed.push(e.detail.id));
  assert.equal(devices.apply('device.state', { device_id: 'd1', state: { status: 'playing' } }), true);
  assert.equal(devices.apply('device.presence', { device_id: 'd1', online: false }), true);
  assert.equal(devices.apply('device.queue', { device_id: 'd1', queue: { track_ids: ['t'], index: 0 } }), true);
  const device = devices.devices.get('d1');
  assert.deepEqual([device.state, device.online, device.queue],
    [{ status: 'playing' }, false, { track_ids: ['t'], index: 0 }]);
  assert.deepEqual(changed, ['d1', 'd1', 'd1']);
});

test('an event for an unknown device asks for a reload', () => {
  assert.equal(store().apply('device.state', { device_id: 'other', state: {} }), false);
});

test('paired, renamed and removed change the list itself', () => {
  const devices = store();
  devices.apply('device.renamed', { device: { id: 'd1', name: 'Den' } });
  devices.apply('device.paired', { device: { ...kitchen, id: 'd2', name: 'Toy' } });
  devices.apply('device.removed', { device_id: 'd1' });
  assert.deepEqual([...devices.devices.values()].map((d) => d.name), ['Toy']);
});

test('the status line says offline before anything else', () => {
  assert.equal(statusLabel({ online: false, state: { status: 'playing' } }), 'Offline');
  assert.equal(statusLabel({ online: true, state: { status: 'paused' } }), 'Paused');
  assert.equal(statusLabel({ online: true, state: null }), 'Online');
});

test("a device paired while the list was being asked for stays in the list", () => {
  const devices = store();
  const load = devices.beginLoad();  // asked before the pairing: its answer will not have it
  devices.apply('device.paired', { device: { ...kitchen, id: 'd2', name: 'Toy' } });
  devices.finishLoad(load, [structuredClone(kitchen)]);
  assert.deepEqual([...devices.devices.keys()], ['d1', 'd2']);
});

test('an answer older than the one shown is dropped', () => {
  const devices = store();
  const older = devices.beginLoad();
  const newer = devices.beginLoad();
  devices.finishLoad(newer, [{ ...kitchen, name: 'Den' }]);
  devices.finishLoad(older, [structuredClone(kitchen)]);
  assert.equal(devices.devices.get('d1').name, 'Den');
});

test('events replayed on a late answer keep their order', () => {
  const devices = store();
  const load = devices.beginLoad();
  devices.apply('device.paired', { device: { ...kitchen, id: 'd2', name: 'Toy' } });
  devices.apply('device.removed', { device_id: 'd2' });
  devices.apply('device.state', { device_id: 'd1', state: { status: 'playing' } });
  devices.finishLoad(load, [structuredClone(kitchen), { ...kitchen, id: 'd2', name: 'Toy' }]);
  assert.deepEqual([...devices.devices.keys()], ['d1']);
  assert.deepEqual(devices.devices.get('d1').state, { status: 'playing' });
});
