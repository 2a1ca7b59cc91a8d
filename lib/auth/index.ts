import 'server-only';
import { headers } from 'next/headers';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientIpFrom } from '../http/client-ip';
import { closeSession, openSession } from '../sessions/internal/records';
import { authenticate } from './login';
import { buildAuthConfig } from './config';
import { completeSecondFactor } from './second-factor';

// Auth.js reports these codes to the login action, which shows the message.
class InvalidLogin extends CredentialsSignin {
  code = 'invalid';
}
class AccountLocked extends CredentialsSignin {
  code = 'account_locked';
}
class AddressLimited extends CredentialsSignin {
  code = 'address_limited';
}
// The password was right; the code step must follow. The challenge travels on
// the error to the login page's action only: Auth.js puts nothing but the code
// in the redirect it answers scripted clients with, so no URL carries it.
export class SecondFactorRequired extends CredentialsSignin {
  code = 'second_factor';
  constructor(readonly challenge: string) {
    super();
  }
}
class InvalidCode extends CredentialsSignin {
  code = 'invalid_code';
}
class ChallengeExpired extends CredentialsSignin {
  code = 'challenge_expired';
}
// Said only after the right password (lib/auth/login.ts).
class AccountDisabled extends CredentialsSignin {
  code = 'disabled';
}
class AccountDormant extends CredentialsSignin {
  code = 'dormant';
}
class AddressNotAllowed extends CredentialsSignin {
  code = 'address_not_allowed';
}

type Refusal = 'invalid' | 'invalid_code' | 'challenge_expired' | 'account_locked' | 'address_limited' | 'disabled' | 'dormant' | 'address_not_allowed';

function refusal(reason: Refusal): CredentialsSignin {
  switch (reason) {
    case 'account_locked':
      return new AccountLocked();
    case 'address_limited':
      return new AddressLimited();
    case 'invalid_code':
      return new InvalidCode();
    case 'challenge_expired':
      return new ChallengeExpired();
    case 'disabled':
      return new AccountDisabled();
    case 'dormant':
      return new AccountDormant();
    case 'address_not_allowed':
      return new AddressNotAllowed();
    case 'invalid':
      return new InvalidLogin();
  }
}

// Signing out runs in a request (the portal's action or Auth.js's route);
// outside one the address is unknown.
async function requestIp(): Promise<string | null> {
  try {
    return clientIpFrom(await headers());
  } catch {
    return null;
  }
}

// Built lazily: the secret is read from the environment at the first
// request, not when `next build` loads this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...buildAuthConfig(),
  providers: [
    Credentials({
      // Field names scripted clients post to /api/auth/callback/credentials:
      // username and password, or, for the second step, challenge and code.
      credentials: { username: {}, password: {}, challenge: {}, code: {} },
      async authorize(credentials, request) {
        const ip = clientIpFrom(request.headers);
        const outcome = credentials?.challenge
          ? await completeSecondFactor({ challenge: credentials.challenge, code: credentials.code, ip })
          : await authenticate({ username: credentials?.username, password: credentials?.password, ip });
        if (outcome.ok) {
          const sessionId = await openSession({ userId: outcome.user.id, sessionVersion: outcome.user.sessionVersion, ip, userAgent: request.headers.get('user-agent') });
          return { id: String(outcome.user.id), sessionVersion: outcome.user.sessionVersion, sessionId };
        }
        if (outcome.reason === 'second_factor') throw new SecondFactorRequired(outcome.challenge);
        throw refusal(outcome.reason);
      },
    }),
  ],
  events: {
    // Signing out (the portal's button or POST /api/auth/signout) ends the
    // session itself: a copy of the cookie opens nothing afterwards.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const sid = typeof token?.sid === 'string' ? token.sid : undefined;
      const uid = typeof token?.uid === 'number' && Number.isInteger(token.uid) ? token.uid : undefined;
      await closeSession({ sessionId: sid, userId: uid, ip: await requestIp() });
    },
  },
}));
