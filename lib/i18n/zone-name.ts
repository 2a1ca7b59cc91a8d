// Pure: how a page names the site's time zone to its reader.

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
