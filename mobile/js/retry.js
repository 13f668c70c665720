// Loads that fail because the server is away retry by themselves: after 1 s, 2 s, 4 s … up
// to 30 s, and at once when the browser comes back online, the page is shown again, or the
// user taps "Try again" (retryNow).
const FIRST_MS = 1000;
const MAX_MS = 30000;
const waiting = new Set();  // wake-up functions of the loads now waiting

export function backoffDelay(attempt) {
  return Math.min(MAX_MS, FIRST_MS * 2 ** attempt);
}

// An outage (unreachable, offline, timeout, 5xx, 429) passes; a refusal (404, 401, 422) stays.
export function isRetryable(error) {
  const status = error?.status ?? 0;
  if (error?.code === 'no_server') return false;
  return status === 0 || status === 429 || status >= 500;
}

export function retryNow() {
  for (const wake of [...waiting]) wake();
}

function pause(ms) {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); waiting.delete(done); resolve(); };
    const timer = setTimeout(done, ms);
    waiting.add(done);
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retryNow();
  });
}

// `load()` until it succeeds; `onError(error, delayMs)` before each wait. Gives up (rethrows)
// on an error that waiting will not fix, or once `isCurrent()` says nobody wants the result.
export async function withRetry(load, { onError = () => {}, isCurrent = () => true } = {}) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await load();
    } catch (error) {
      if (!isRetryable(error) || !isCurrent()) throw error;
      const delay = backoffDelay(attempt);
      onError(error, delay);
      await pause(delay);
      if (!isCurrent()) throw error;
    }
  }
}
