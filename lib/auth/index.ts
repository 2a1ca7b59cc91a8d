import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientIpFrom } from '../http/client-ip';
import { closeSession, openSession } from '../sessions/internal/records';
import { authenticate } from './login';
import { buildAuthConfig } from './config';

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

// Built lazily: the secret is read from the environment at the first
// request, not when `next build` loads this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...buildAuthConfig(),
  providers: [
    Credentials({
      // Field names scripted clients post to /api/auth/callback/credentials.
      credentials: { username: {}, password: {} },
      async authorize(credentials, request) {
        const ip = clientIpFrom(request.headers);
        const outcome = await authenticate({ username: credentials?.username, password: credentials?.password, ip });
        if (outcome.ok) {
          const sessionId = await openSession({ userId: outcome.user.id, sessionVersion: outcome.user.sessionVersion, ip, userAgent: request.headers.get('user-agent') });
          return { id: String(outcome.user.id), sessionVersion: outcome.user.sessionVersion, sessionId };
        }
        if (outcome.reason === 'account_locked') throw new AccountLocked();
        if (outcome.reason === 'address_limited') throw new AddressLimited();
        throw new InvalidLogin();
      },
    }),
  ],
  events: {
    // Signing out (the portal's button or POST /api/auth/signout) ends the
    // session itself: a copy of the cookie opens nothing afterwards.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await closeSession(sid);
    },
  },
}));
