// Reconnect delays: exponential from 500 ms, capped at 15 s, with up to 30% jitter.

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 15000;

export function reconnectDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.round(base * (1 - 0.3 * random()));
}
