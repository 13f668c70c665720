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
