// A time in stage as people say it, to the minute under a day and to the
// hour above: 45分钟 / 3小时12分 / 2天3小时, 45 min / 3 h 12 min / 2 d 3 h.
// Pure; the two languages differ only in their units.

const UNITS = {
  zh: { day: '天', hour: '小时', minute: '分', minutes: '分钟', under: '不到1分钟', gap: '' },
  en: { day: ' d', hour: ' h', minute: ' min', minutes: ' min', under: '< 1 min', gap: ' ' },
} as const;

export function formatDuration(seconds: number | null, locale: string): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const u = UNITS[locale.startsWith('zh') ? 'zh' : 'en'];
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return u.under;
  if (minutes < 60) return `${minutes}${u.minutes}`;
  const parts: string[] = [];
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    parts.push(`${h}${u.hour}`);
    if (m) parts.push(`${m}${u.minute}`);
  } else {
    const hours = Math.round(minutes / 60);
    const d = Math.floor(hours / 24);
    const h = hours % 24;
    parts.push(`${d}${u.day}`);
    if (h) parts.push(`${h}${u.hour}`);
  }
  return parts.join(u.gap);
}
