// Pure: how contact details look where they are masked (lists, the review
// desk), and the normal form their look-up hashes are made of.

export type ContactField = 'email' | 'phone';
export const CONTACT_FIELDS: readonly ContactField[] = ['email', 'phone'];

// 13812345678 → 138****5678; 023-88196826 → 023****6826: at most the first
// three and the last four characters, and at least four always hidden, so a
// short number shows little; the four stars do not tell its length.
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  const head = Math.max(0, Math.min(3, Math.floor((chars.length - 4) / 2)));
  const tail = Math.max(0, Math.min(4, chars.length - 4 - head));
  return `${chars.slice(0, head).join('')}****${chars.slice(chars.length - tail).join('')}`;
}

// zhang.san@example.cn → z***@example.cn: the first character of the mailbox,
// the domain in full (it says which organisation, not which person).
export function maskEmail(email: string): string {
  const value = email.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0) return `${[...value][0] ?? ''}***`;
  return `${[...value][0]}***${value.slice(at)}`;
}

export function maskContact(field: ContactField, value: string): string {
  return field === 'email' ? maskEmail(value) : maskPhone(value);
}

// One value however it was typed: e-mail addresses case-insensitively,
// phone numbers by their digits, without China's +86 / 0086 prefix. Null
// when nothing is left to compare.
export function normalizeContact(field: ContactField, value: string): string | null {
  const text = value.normalize('NFKC').trim();
  if (field === 'email') return text ? text.toLowerCase() : null;
  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (text.startsWith('+86') || (digits.length === 13 && digits.startsWith('86'))) digits = digits.slice(2);
  return digits || null;
}

// What someone typed into a search box that can only be a whole address or
// number, so a search looks for the account holding exactly it.
export function contactFieldOfQuery(query: string): ContactField | null {
  const text = query.normalize('NFKC').trim();
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return 'email';
  if (/^\+?[0-9][0-9 ()-]{4,}$/.test(text) && text.replace(/\D/g, '').length >= 5) return 'phone';
  return null;
}
