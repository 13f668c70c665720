// House rules as the receiver keeps them, to enforce while it is offline: the same reading
// of the schedule as the server (server/rules/instant.py). Wall times are read in the rules'
// time zone with Intl, so a daylight-saving night is as long as the clocks say.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const formats = new Map();

function minutesOf(text) {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

// [start, end) in minutes of the week (Monday 00:00 = 0); end <= start ends the next day.
export function interval(entry) {
  const base = DAYS.indexOf(entry.day) * DAY_MINUTES;
  const start = minutesOf(entry.start);
  const end = minutesOf(entry.end);
  return [base + start, base + end + (end <= start ? DAY_MINUTES : 0)];
}

function format(timeZone) {
  if (!formats.has(timeZone)) {
    formats.set(timeZone, new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  }
  return formats.get(timeZone);
}

// {minute of the week, day "YYYY-MM-DD", time "HH:MM"} of an instant in the time zone.
export function localTime(ms, timeZone) {
  const parts = Object.fromEntries(format(timeZone).formatToParts(new Date(ms))
    .map((part) => [part.type, part.value]));
  const weekday = DAYS.indexOf(parts.weekday.slice(0, 3).toLowerCase());
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return { minute: weekday * DAY_MINUTES + hour * 60 + minute,
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}` };
}

// The quiet entry holding the week minute, as its interval, or null.
function currentEntry(rules, minute) {
  for (const entry of rules.quiet_time) {
    const [start, end] = interval(entry);
    for (const shift of [0, WEEK_MINUTES]) {
      if (start <= minute + shift && minute + shift < end) {
        return { entry, since: minute + shift - start };
      }
    }
  }
  return null;
}

// An entry lasts less than a day, so it started today or, past midnight, yesterday.
function periodName(found, local) {
  const startedYesterday = local.minute % DAY_MINUTES < found.since;
  return `${startedYesterday ? dayBefore(local.day) : local.day}T${found.entry.start}`;
}

// The local day before "YYYY-MM-DD".
function dayBefore(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

// What applies at nowMs for a copy {rules, bonus_until} sent by the server.
export function situation(copy, nowMs) {
  const { rules } = copy;
  const local = localTime(nowMs, rules.time_zone);
  const found = currentEntry(rules, local.minute);
  const bonus = Boolean(copy.bonus_until) && nowMs < Date.parse(copy.bonus_until);
  const quiet = found !== null;
  return {
    quiet,
    bonus,
    refusesPlay: quiet && !bonus,
    // A quiet period is named by its local start, as on the server: "2026-03-23T19:30".
    period: quiet ? periodName(found, local) : null,
    maxVolume: quiet ? rules.max_volume.night : rules.max_volume.day,
    day: local.day,
    time: local.time,
  };
}

// Follows a copy through time and says what to do when nothing else can (the socket is
// down): 'pause' (fade out) when sound plays where it may not, 'bedtime' when quiet time
// starts with a bedtime track, 'wake' when it ends with a wake track.
export class OfflineRules {
  constructor() {
    this.period = undefined;
    this.bedtimePeriod = null;
  }

  // status: the player's; trackId: what plays; listened: seconds today (own count).
  decide(copy, nowMs, { status, trackId, listened = 0 }) {
    if (!copy?.rules) return null;
    const where = situation(copy, nowMs);
    const { period } = where;
    const before = this.period;
    this.period = period;
    const { rules } = copy;
    if (before !== undefined && period !== before) {
      if (period !== null && rules.bedtime.mode === 'track') {
        this.bedtimePeriod = period;
        return { action: 'bedtime', track_ids: rules.bedtime.track_ids };
      }
      if (period === null && before !== null && rules.wake.track_id) {
        return { action: 'wake', track_ids: [rules.wake.track_id] };
      }
    }
    if (status !== 'playing' && status !== 'buffering') return null;
    const bedtime = this.bedtimePeriod === period && period !== null
      && rules.bedtime.track_ids.includes(trackId);
    if (bedtime) return null;
    if (where.refusesPlay) return { action: 'pause', reason: 'quiet_time' };
    const limit = rules.daily_limit_minutes;
    if (limit !== null && listened >= limit * 60) return { action: 'pause', reason: 'limit_reached' };
    return null;
  }
}
