// The weekly schedule editor's model: one row per weekday {day, on, start, end} to and from
// the API's quiet_time entries, and the bars of a report's chart. Pure, for node --test.

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday',
  fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const DEFAULT_ROW = { start: '19:30', end: '07:00' };

// Rows for the editor: a weekday with no entry is off, with the usual times ready.
export function rowsFrom(quietTime) {
  return DAYS.map((day) => {
    const entry = quietTime.find((e) => e.day === day);
    return entry ? { day, on: true, start: entry.start, end: entry.end }
      : { day, on: false, ...DEFAULT_ROW };
  });
}

// The API's quiet_time of the rows that are on.
export function quietTimeFrom(rows) {
  return rows.filter((row) => row.on).map(({ day, start, end }) => ({ day, start, end }));
}

// Whether a night crosses midnight (shown as "until 07:00 next day").
export function crossesMidnight(row) { return row.end <= row.start; }

// Bar heights in percent of the day with the most minutes (at least one minute high).
export function barHeights(days) {
  const most = Math.max(1, ...days.map((day) => day.minutes));
  return days.map((day) => Math.round((day.minutes / most) * 100));
}
