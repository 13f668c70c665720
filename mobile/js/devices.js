// Paired devices as a small store: the API's list, kept live by the socket's events.
import { api } from './api.js';

const tracks = new Map();  // track id -> Promise of the track (null if unknown), for remotes

// A device reports only a track id: its title, artist and cover, asked once per id.
export function trackInfo(id) {
  if (!id) return Promise.resolve(null);
  if (!tracks.has(id)) {
    tracks.set(id, api.track(id, { quiet: true }).catch(() => { tracks.delete(id); return null; }));
  }
  return tracks.get(id);
}

export async function trackTitle(id) {
  return (await trackInfo(id))?.title || '';
}

const STATUS_LABELS = { idle: 'Idle', playing: 'Playing', paused: 'Paused',
  buffering: 'Loading', stopped: 'Stopped' };

export function statusLabel(device) {
  if (!device.online) return 'Offline';
  return STATUS_LABELS[device.state?.status] || 'Online';
}

function byId(items) {
  return new Map(items.map((d) => [d.id, d]));
}

export class DeviceStore extends EventTarget {
  constructor() {
    super();
    this.devices = new Map();
    this.inFlight = new Set();  // the loads asked for and not answered: the events since each
    this.asked = 0;
    this.shown = 0;  // the newest load whose answer is shown
  }

  async load() {
    const load = this.beginLoad();
    try {
      this.finishLoad(load, (await api.devices({ quiet: true })).items || []);
    } finally {
      this.inFlight.delete(load);
    }
  }

  // A load's answer can be older than the socket's events that came while it was asked
  // (a device paired meanwhile): those are applied again on top of it, and an answer older
  // than one already shown is dropped.
  beginLoad() {
    const load = { number: ++this.asked, events: [] };
    this.inFlight.add(load);
    return load;
  }

  finishLoad(load, items) {
    this.inFlight.delete(load);
    if (load.number < this.shown) return;
    this.shown = load.number;
    this.devices = byId(items);
    for (const [type, data] of load.events) {
      if (type === 'list') this.devices = byId(data);
      else this._update(type, data);
    }
    this._changed();
  }

  replaceAll(items) {
    for (const load of this.inFlight) load.events.push(['list', items]);
    this.devices = byId(items);
    this._changed();
  }

  // Apply one socket event ({device_id, ...} or {device}) to the device it names; false when
  // the list itself changed and must be reloaded.
  apply(type, data) {
    for (const load of this.inFlight) load.events.push([type, data]);
    const applied = this._update(type, data);
    if (applied) this._changed(applied);
    return Boolean(applied);
  }

  // The id of the device the event changed, or null when it names none of the list.
  _update(type, data) {
    if (type === 'device.paired' || type === 'device.renamed') {
      if (!data.device?.id) return null;
      this.devices.set(data.device.id, { ...this.devices.get(data.device.id), ...data.device });
      return data.device.id;
    }
    if (type === 'device.removed') {
      this.devices.delete(data.device_id);
      return data.device_id;
    }
    const device = this.devices.get(data.device_id);
    if (!device) return null;
    if (type === 'device.state') device.state = data.state ?? data;
    if (type === 'device.presence') device.online = Boolean(data.online);
    if (type === 'device.queue') device.queue = data.queue ?? data;
    return device.id;
  }

  _changed(id) { this.dispatchEvent(new CustomEvent('change', { detail: { id } })); }
}
