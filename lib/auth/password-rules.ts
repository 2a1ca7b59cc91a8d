// Pure password rules, shared by the forms, the CLI and lib/users.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username';

export function checkPassword(password: string, username: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if ([...password].length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same_as_username';
  return null;
}

// A first password an administrator can read out: no look-alike characters.
export function generatePassword(random: (max: number) => number, length = 14): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
  return out;
}
