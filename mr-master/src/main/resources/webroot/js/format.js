// Numbers, sizes, durations and times as people read them. Times are in the viewer's own zone.

const DASH = '\u2013';

export function num(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return Number(n).toLocaleString();
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 -> "1.5 KiB". */
export function bytes(n) {
  if (n === null || n === undefined || n < 0) return DASH;
  let v = Number(n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? String(v) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + UNITS[u];
}

/** 340 -> "340 ms", 12345 -> "12.3 s", 245000 -> "4m 05s", 7380000 -> "2h 03m". */
export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return DASH;
  if (ms < 1000) return Math.round(ms) + ' ms';
  const s = ms / 1000;
  if (s < 60) return (s < 10 ? s.toFixed(2) : s.toFixed(1)) + ' s';
  const total = Math.floor(s);
  const d = Math.floor(total / 86400);
  const hh = Math.floor((total % 86400) / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = total % 60;
  if (d > 0) return d + 'd ' + hh + 'h';
  if (hh > 0) return hh + 'h ' + String(mm).padStart(2, '0') + 'm';
  return mm + 'm ' + String(ss).padStart(2, '0') + 's';
}

/** A short local time: the time of day for today, else the date too. */
export function time(ms) {
  if (ms === null || ms === undefined || ms < 0) return DASH;
  const d = new Date(ms);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const t = d.toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  if (sameDay) return t;
  return d.toLocaleDateString(undefined, {year: 'numeric', month: 'short', day: 'numeric'}) + ' ' + t;
}

/** The full local date and time with the zone, for tooltips. */
export function fullTime(ms) {
  if (ms === null || ms === undefined || ms < 0) return '';
  return new Date(ms).toLocaleString(undefined, {dateStyle: 'full', timeStyle: 'long'});
}

/** "1,234 records/s", "12.5 MiB/s"; a dash when there is no time to divide by. */
export function rate(count, ms, unit) {
  if (!ms || ms <= 0 || count === null || count === undefined) return DASH;
  const perSecond = count / (ms / 1000);
  if (unit === 'bytes') return bytes(Math.round(perSecond)) + '/s';
  const v = perSecond >= 100 ? Math.round(perSecond).toLocaleString() : perSecond.toFixed(1);
  return v + ' ' + unit + '/s';
}

export function percent(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return DASH;
  return (Math.floor(x * 1000) / 10).toFixed(1) + '%';
}

export function zone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  } catch (e) {
    return 'local time';
  }
}
