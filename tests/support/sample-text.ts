// Generated text for tests and benchmarks, the same on every run, so a
// failure can be replayed.

// mulberry32: a small seeded generator.
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const SAMPLE_ALPHABET =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' +
  '十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形';

const pick = (random: () => number) => SAMPLE_ALPHABET[Math.floor(random() * SAMPLE_ALPHABET.length)]!;

// `length` characters in paragraphs of 150 (the last of each is a newline).
export function sampleStory(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += i % 150 === 149 ? '\n' : pick(random);
  return text;
}

// `count` one-character lines: the worst case for aligning lines.
export function sampleLines(random: () => number, count: number): string {
  return Array.from({ length: count }, () => pick(random)).join('\n');
}

// The same 100 scattered edits (cuts, insertions, replacements of 4 or 1
// characters) an editor might make to a long story.
export function scatterEdits(random: () => number, text: string): string {
  const edited = [...text];
  for (let k = 0; k < 100; k += 1) {
    const at = Math.floor(random() * edited.length);
    if (k % 3 === 0) edited.splice(at, 4);
    else if (k % 3 === 1) edited.splice(at, 0, '新', '增', '内', '容');
    else edited[at] = '改';
  }
  return edited.join('');
}

// A story body of at least `chars` HTML characters: paragraphs with bold text
// and links, and a table every 20 paragraphs.
export function largeStoryHtml(chars: number): string {
  const paragraph = `<p>${'法治新闻正文内容，'.repeat(60)}<strong>重点</strong><a href="https://x.example">链接</a></p>`;
  const table = `<table><tbody>${'<tr><td colspan="1" rowspan="1"><p>单元</p></td><td><p>数据</p></td></tr>'.repeat(40)}</tbody></table>`;
  let body = '';
  while (body.length < chars) body += paragraph.repeat(20) + table;
  return body;
}
