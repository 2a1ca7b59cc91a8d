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
