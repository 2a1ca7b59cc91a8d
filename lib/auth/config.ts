import 'server-only';
import type { NextAuthConfig } from 'next-auth';
import { getAuthSecret, getEnv } from '../env';

// The part of the Auth.js configuration without database access, shared by
// the proxy (which only refreshes the cookie and redirects) and lib/auth.

// The JWT outlives any session the settings allow; lib/viewer.ts enforces the
// configured idle and absolute limits against the database on every request.
const JWT_MAX_AGE_S = 90 * 24 * 60 * 60;

export function isSecureCookies(): boolean {
  const env = getEnv();
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === 'true';
  return env.NODE_ENV === 'production';
}

export function sessionCookieName(): string {
  return isSecureCookies() ? '__Host-tougao.session' : 'tougao.session';
}

type TokenClaims = { uid: number; sv: number; loginAt: number; seenAt: number; idleFrom: number; sid?: string };

function nowS(): number {
  return Math.floor(Date.now() / 1000);
}

function isClaims(token: Record<string, unknown>): token is Record<string, unknown> & TokenClaims {
  return ['uid', 'sv', 'loginAt', 'seenAt'].every((k) => typeof token[k] === 'number' && Number.isFinite(token[k]));
}

export function buildAuthConfig(): NextAuthConfig {
  const secure = isSecureCookies();
  return {
    secret: getAuthSecret(),
    trustHost: true,
    useSecureCookies: secure,
    session: { strategy: 'jwt', maxAge: JWT_MAX_AGE_S },
    pages: { signIn: '/login', error: '/login' },
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    providers: [],
    logger: {
      // Forged or foreign-secret tokens are routine; they mean "logged out".
      error(error) {
        // `type`, not `name`: class names do not survive minification.
        const type = (error as { type?: string }).type ?? error.name;
        if (type === 'JWTSessionError' || type === 'CredentialsSignin') return;
        console.error(JSON.stringify({ level: 50, app: 'tougao', msg: 'auth error', type, message: error.message }));
      },
      warn() {},
    },
    callbacks: {
      // The token carries only who, which session version and which sign-in
      // (sid, a row in user_sessions); the role and
      // everything else are read from the database on each request. Data the
      // browser sends through update() is ignored entirely.
      jwt({ token, user }) {
        const now = nowS();
        if (user) {
          const u = user as { id?: string; sessionVersion?: number; sessionId?: string };
          const uid = Number(u.id);
          if (!Number.isInteger(uid) || typeof u.sessionVersion !== 'number') return null;
          return { sub: String(uid), uid, sv: u.sessionVersion, sid: u.sessionId, loginAt: now, seenAt: now, idleFrom: now };
        }
        if (!isClaims(token)) return null;
        const sid = typeof token.sid === 'string' ? token.sid : undefined;
        return { sub: String(token.uid), uid: token.uid, sv: token.sv, sid, loginAt: token.loginAt, seenAt: now, idleFrom: token.seenAt };
      },
      session({ session, token }) {
        if (!isClaims(token)) return { ...session, user: undefined } as never;
        return {
          expires: session.expires,
          user: { id: String(token.uid) },
          sv: token.sv,
          sid: typeof token.sid === 'string' ? token.sid : undefined,
          loginAt: token.loginAt,
          idleFrom: typeof token.idleFrom === 'number' ? token.idleFrom : token.seenAt,
        } as never;
      },
    },
  };
}

export type SessionClaims = { user?: { id?: string }; sv?: number; sid?: string; loginAt?: number; idleFrom?: number };
