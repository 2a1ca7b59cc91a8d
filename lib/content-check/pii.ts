// Pure: personal information as it appears in news copy by mistake (the most
// common violation found on government sites): resident ID numbers, mainland
// mobile numbers, bank card numbers and licence plates. Each is found by its
// shape and then checked (ID checksum and birth date, Luhn), so a receipt
// number or a phone-like count is not flagged without reason.

export type PersonalKind = 'id_card' | 'mobile' | 'bank_card' | 'plate';

export type PersonalHit = { kind: PersonalKind; start: number; end: number; text: string };

// GB 11643-1999: weights 2^(17-i) mod 11 and the check character table.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isResidentId(value: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const born = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isMobileNumber(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits);
}

// 16–19 digits with the Luhn check; UnionPay cards start with 62, others with 3–6.
export function isBankCard(digits: string): boolean {
  return /^[3-6]\d{15,18}$/.test(digits) && passesLuhn(digits);
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
// Letters on plates leave out I and O.
const L = 'A-HJ-NP-Z';
const PLATE = new RegExp(
  `[${PROVINCES}][${L}][·•・ ]?(?:[DF][${L}0-9]\\d{4}|\\d{5}[DF]|(?=[${L}0-9]{0,4}\\d)[${L}0-9]{4}[${L}0-9挂学警港澳])(?![${L}a-z0-9])`,
  'gu',
);

export function isLicencePlate(value: string): boolean {
  PLATE.lastIndex = 0;
  const match = PLATE.exec(value);
  return match !== null && match.index === 0 && match[0].length === value.length;
}

// Full-width digits and letters read as ASCII, one for one, so offsets hold.
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Digit runs, with the spaces or hyphens people group numbers with
// (138 1234 5678, 6222 0000 …), bounded by non-digits.
const DIGIT_RUN = /(?<![\dA-Za-z])(?:\+?86[ -]?)?\d(?:[ -]?\d){10,22}[Xx]?(?![\dA-Za-z])/g;

export function findPersonalInfo(original: string): PersonalHit[] {
  const text = asciiDigits(original);
  const hits: PersonalHit[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    let start = match.index;
    let run = match[0];
    const prefix = /^\+?86[ -]?/.exec(run);
    const grouped = run.replace(/[ -]/g, '');
    const digits = prefix && grouped.length === 13 ? grouped.slice(2) : grouped.replace(/^\+/, '');
    if (prefix && digits.length === 11 && isMobileNumber(digits)) {
      hits.push({ kind: 'mobile', start, end: start + run.length, text: original.slice(start, start + run.length) });
      continue;
    }
    if (run.startsWith('+')) {
      start += 1;
      run = run.slice(1);
    }
    const plain = run.replace(/[ -]/g, '');
    const kind: PersonalKind | null = isResidentId(plain) ? 'id_card' : isMobileNumber(plain) ? 'mobile' : /^\d+$/.test(plain) && isBankCard(plain) ? 'bank_card' : null;
    if (kind) hits.push({ kind, start, end: start + run.length, text: original.slice(start, start + run.length) });
  }
  PLATE.lastIndex = 0;
  for (const match of text.matchAll(PLATE)) hits.push({ kind: 'plate', start: match.index, end: match.index + match[0].length, text: original.slice(match.index, match.index + match[0].length) });
  return hits;
}
