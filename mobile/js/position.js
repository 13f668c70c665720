// The remote's position between a receiver's reports: where a playing track is by now.
// Receivers report every few seconds; the phone extrapolates on its own clock in between.

// state: the receiver's last {status, position, duration}; receivedAt/now: ms on one clock.
export function estimatePosition(state, receivedAt, now) {
  const position = Number(state?.position) || 0;
  if (state?.status !== 'playing') return position;
  const elapsed = Math.max(0, (now - receivedAt) / 1000);
  const duration = Number(state.duration);
  const estimate = position + elapsed;
  return Number.isFinite(duration) && duration > 0 ? Math.min(duration, estimate) : estimate;
}

// When a stored state (a snapshot, not a live event) was reported, from the server's
// updated_at, trusted only within `window` ms of now so a skewed clock cannot run away.
export function reportedAt(state, now, window = 10000) {
  const at = Date.parse(state?.updated_at || '');
  return Number.isFinite(at) ? Math.max(now - window, Math.min(now, at)) : now;
}

// Remembers the last report and when it arrived, so every render asks "where is it now".
export class PositionClock {
  constructor(now = () => Date.now()) {
    this.now = now;
    this.state = null;
    this.receivedAt = 0;
  }

  // `at`: when the state was true, if known (ms on this clock); else now.
  report(state, at) {
    this.state = state || null;
    this.receivedAt = Math.min(this.now(), at ?? Infinity);
  }

  position() { return estimatePosition(this.state, this.receivedAt, this.now()); }
}
