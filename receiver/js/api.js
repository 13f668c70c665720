// The receiver's HTTP calls: register itself, ask for a new pairing code (and, through
// conversation-api.js, its messages).

import { API } from './constants.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

// body is sent as JSON; form (a FormData) as multipart.
export async function request(method, path, { token, body, form } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function register(name) {
  return request('POST', API.register, { body: name ? { name } : {} });
}

export function newPairingCode(token) {
  return request('POST', API.pairingCode, { token });
}
