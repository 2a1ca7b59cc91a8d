import { isCommonPassword } from './common-passwords';

// Pure password rules, shared by the forms, the CLI and lib/users. What a
// site asks for beyond today's rule comes from its settings as a policy
// (lib/security/account-policy.ts); the default is today's rule.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordRules = {
  minLength: number;
  // How many of the four classes (lower, upper, digit, other) must appear.
  classes: number;
  // Refuse the bundled list of common passwords.
  refuseCommon: boolean;
};

export const DEFAULT_PASSWORD_RULES: PasswordRules = { minLength: MIN_PASSWORD_LENGTH, classes: 0, refuseCommon: false };

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'too_few_classes' | 'common';

// Anything that is not a lower- or upper-case letter or a digit counts as a
// symbol: a Chinese character makes a password as hard to guess as a "#".
export function characterClasses(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const c of password) {
    if (/\p{Ll}/u.test(c)) lower = true;
    else if (/\p{Lu}/u.test(c)) upper = true;
    else if (/\p{Nd}/u.test(c)) digit = true;
    else other = true;
  }
  return [lower, upper, digit, other].filter(Boolean).length;
}

export function checkPassword(password: string, username: string, rules: PasswordRules = DEFAULT_PASSWORD_RULES): PasswordProblem | null {
  const length = [...password].length;
  if (length < rules.minLength) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same_as_username';
  if (characterClasses(password) < rules.classes) return 'too_few_classes';
  if (rules.refuseCommon && isCommonPassword(password)) return 'common';
  return null;
}

// A first password an administrator can read out: no look-alike characters.
export function generatePassword(random: (max: number) => number, length = 14): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
  return out;
}

const SYMBOLS = '#%+=@-';

// A first password that passes the site's rules: long enough, and with a
// symbol where all four classes are asked for (the readable alphabet has
// none). Drawn again in the rare case a draw misses a class.
export function generateCompliantPassword(random: (max: number) => number, username: string, rules: PasswordRules): string {
  const length = Math.max(14, rules.minLength);
  for (;;) {
    let password = generatePassword(random, length);
    if (rules.classes >= 4) {
      const at = random(length);
      password = password.slice(0, at) + SYMBOLS[random(SYMBOLS.length)] + password.slice(at + 1);
    }
    if (checkPassword(password, username, rules) === null) return password;
  }
}
