// Unread message counts (main webview): from the socket's hello, refreshed after each message
// or read event; shown on the Devices tab and sent to every page as EVENTS.UNREAD.
import { api } from './api.js';
import { broadcast, EVENTS } from './events.js';

export function showUnread(counts) {
  const total = counts?.unread_total || 0;
  const badge = document.querySelector('[data-unread-total]');
  if (badge) {
    badge.textContent = String(total);
    badge.hidden = total === 0;
  }
  broadcast(EVENTS.UNREAD, { items: counts?.items || [], unread_total: total });
}

export function refreshUnread() {
  return api.unread({ quiet: true }).then(showUnread).catch(() => {});
}
