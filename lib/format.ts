// Pure date formatting in the site's time zone, as Chinese news sites print
// it (2022-06-27 09:00), the same in both languages.
export function formatDateTime(date: Date, timeZone: string, withTime = true): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  return withTime ? `${day} ${get('hour')}:${get('minute')}` : day;
}

export function formatDate(date: Date, timeZone: string): string {
  return formatDateTime(date, timeZone, false);
}

// Zones China keeps Beijing time in, by their IANA names.
const BEIJING_TIME = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

// A time zone as people name it, in their language: 北京时间 / Beijing time for
// China's zone, the zone's generic name elsewhere (日本标准时间, United Kingdom
// Time), its IANA name when the runtime knows no better (UTC).
export function timeZoneName(timeZone: string, locale: string): string {
  const chinese = locale.startsWith('zh');
  if (BEIJING_TIME.has(timeZone)) return chinese ? '北京时间' : 'Beijing time';
  try {
    const name = new Intl.DateTimeFormat(chinese ? 'zh-CN' : 'en', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && !/^GMT|^UTC[+-]/.test(name) ? name : timeZone;
  } catch {
    return timeZone;
  }
}
