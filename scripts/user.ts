// Account administration for servers with no administrator yet:
//   npm run user -- create --username U --password P --role admin|editor|correspondent --name "显示名" [--unit "单位"]
//   npm run user -- reset-password --username U [--password P]
//   npm run user -- disable --username U   |   enable --username U
//   npm run user -- reset-two-factor --username U
// Exit codes: 0 done, 1 refused (bad input, duplicate, unknown), 2 usage, 3 database unavailable or locked.
import { parseArgs } from 'node:util';
import { getDb } from '../db/client';
import { systemActor } from '../lib/actors';
import { isAppError } from '../lib/errors';
import { findUnitByName } from '../lib/units';
import { resetTwoFactor } from '../lib/two-factor';
import { createUser, findUserIdByUsername, resetUserPassword, setUserDisabled } from '../lib/users';
import { runCommand, UsageError } from './cli';

const usage = `Usage:
  npm run user -- create --username U --password P --role admin|editor|correspondent --name "显示名" [--unit "单位"] [--email E]
  npm run user -- reset-password --username U [--password P]     (no --password: one is generated and printed)
  npm run user -- disable --username U
  npm run user -- enable --username U
  npm run user -- reset-two-factor --username U                  (a lost phone with no recovery code left)`;

const fieldMessages: Record<string, string> = {
  username_taken: 'that username is already taken',
  username_format: 'username must be 3–32 letters, digits, dot, dash or underscore',
  password_too_short: 'password must be at least {min} characters',
  password_too_long: 'password must be at most 128 characters',
  password_same_as_username: 'password must not equal the username',
  password_too_few_classes: 'password must contain at least {classes} of: lower-case, upper-case, digit, symbol',
  password_common: 'password is on the list of common passwords',
  password_reused: 'password is one of the last {history} of this account',
  role_unknown: 'role must be admin, editor or correspondent',
  unit_required: 'a correspondent needs --unit',
  unit_unknown: 'unknown unit',
  required: 'is required',
  too_long: 'is too long',
  email_format: 'is not an e-mail address',
};

class Refused extends Error {}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function userIdOrFail(username: string): Promise<number> {
  const id = await findUserIdByUsername(username);
  if (!id) throw new Refused(`no account with username "${username}"`);
  return id;
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      email: { type: 'string' },
    },
    strict: true,
  });
  await getDb();
  switch (command) {
    case 'create': {
      let unitId: number | undefined;
      if (values.unit) {
        const unit = await findUnitByName(values.unit);
        if (!unit) throw new Refused(`unknown unit "${values.unit}" (create it at /admin/units first)`);
        unitId = unit.id;
      }
      const { user } = await createUser(systemActor, {
        username: need(values.username, '--username'),
        password: need(values.password, '--password'),
        role: need(values.role, '--role'),
        displayName: need(values.name, '--name'),
        unitId,
        email: values.email,
      });
      console.log(`Created ${user.role} "${user.username}" (${user.displayName}). The password must be changed at first login.`);
      return;
    }
    case 'reset-password': {
      const id = await userIdOrFail(need(values.username, '--username'));
      const { generatedPassword } = await resetUserPassword(systemActor, id, values.password);
      console.log(generatedPassword ? `New first password: ${generatedPassword}` : 'Password reset.');
      console.log('It must be changed at next login; existing sessions have ended.');
      return;
    }
    case 'disable':
    case 'enable': {
      const id = await userIdOrFail(need(values.username, '--username'));
      await setUserDisabled(systemActor, id, command === 'disable');
      console.log(command === 'disable' ? 'Account disabled; its sessions have ended.' : 'Account enabled.');
      return;
    }
    // For the administrator who lost their own phone: the page refuses one's
    // own reset, and a site that requires two-factor has nobody else.
    case 'reset-two-factor': {
      const id = await userIdOrFail(need(values.username, '--username'));
      try {
        await resetTwoFactor(systemActor, id);
      } catch (error) {
        if (isAppError(error) && error.code === 'conflict') throw new Refused('that account has no two-factor sign-in');
        throw error;
      }
      console.log('Two-factor sign-in removed; existing sessions have ended. Where the site requires it, it is set up again at next login.');
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

runCommand(() => run(process.argv.slice(2)), usage, (error) => {
  if (error instanceof Refused) return `Refused: ${error.message}`;
  if (isAppError(error) && error.code === 'validation') {
    // The site's policy fills in its numbers (lib/auth/password-policy.ts).
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => String(error.params?.[name] ?? whole));
    const lines = Object.entries(error.fieldErrors ?? {}).map(([field, key]) => `  ${field}: ${fill(fieldMessages[key] ?? key)}`);
    return `Refused:\n${lines.join('\n')}`;
  }
  if (isAppError(error)) return `Refused: ${error.code}`;
  return null;
});
