// Pure: the receipt number (稿件编号) a story gets at its first submit,
// `YYYY-NNNNNN` from the yearly counter, e.g. 2026-000123. The database checks
// the same shape (stories_receipt_no_format).

const MIN_DIGITS = 6;
// Canonical only: zero-padded to six digits, no leading zero beyond that, so a
// number has exactly one spelling and search by it is an equality match.
const RECEIPT_NO = /^([1-9][0-9]{3})-(0[0-9]{5}|[1-9][0-9]{5,15})$/;

export type ReceiptNo = { year: number; sequence: number };

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999;
}

function isValidSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1;
}

// Called inside the submit transaction with the counter's new value; a bad
// value is a programming error, so it throws rather than returning garbage.
export function formatReceiptNo(year: number, sequence: number): string {
  if (!isValidYear(year)) throw new RangeError(`receipt year out of range: ${year}`);
  if (!isValidSequence(sequence)) throw new RangeError(`receipt sequence out of range: ${sequence}`);
  return `${year}-${String(sequence).padStart(MIN_DIGITS, '0')}`;
}

// Anyone may call it with untrusted input (a search box): null unless `s` is
// exactly what formatReceiptNo would have produced.
export function parseReceiptNo(s: string): ReceiptNo | null {
  const match = RECEIPT_NO.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  return isValidSequence(sequence) ? { year, sequence } : null;
}

export function isReceiptNo(s: unknown): s is string {
  return typeof s === 'string' && parseReceiptNo(s) !== null;
}
