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

export class DeviceStore extends EventTarget {
  constructor() {
    super();
    this.devices = new Map();
  }

  async load() {
    const page = await api.devices({ quiet: true });
    this.replaceAll(page.items || []);
  }

  replaceAll(items) {
    this.devices = new Map(items.map((d) => [d.id, d]));
    this._changed();
  }

  // Apply one socket event ({device_id, ...} or {device}) to the device it names; false when
  // the list itself changed and must be reloaded.
  apply(type, data) {
    if (type === 'device.paired' || type === 'device.renamed') {
      if (!data.device?.id) return false;
      this.devices.set(data.device.id, { ...this.devices.get(data.device.id), ...data.device });
      this._changed(data.device.id);
      return true;
    }
    if (type === 'device.removed') {
      this.devices.delete(data.device_id);
      this._changed(data.device_id);
      return true;
    }
    const device = this.devices.get(data.device_id);
    if (!device) return false;
    if (type === 'device.state') device.state = data.state ?? data;
    if (type === 'device.presence') device.online = Boolean(data.online);
    if (type === 'device.queue') device.queue = data.queue ?? data;
    this._changed(device.id);
    return true;
  }

  _changed(id) { this.dispatchEvent(new CustomEvent('change', { detail: { id } })); }
}
