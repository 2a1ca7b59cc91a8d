// Pure: the public byline (作者) names every credited correspondent. Names
// the editor already wrote stay where they are; the others follow, as a
// newsroom writes them ("通讯员 方勇 周林").
export function bylineWithNames(byline: string, names: readonly string[]): string {
  const text = byline.trim();
  const missing = [...new Set(names.map((n) => n.trim()).filter((n) => n !== '' && !text.includes(n)))];
  if (!missing.length) return text;
  return text ? `${text} ${missing.join(' ')}` : `通讯员 ${missing.join(' ')}`;
}
