import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { auth } from './auth';
import type { SessionClaims } from './auth/config';
import { AppError } from './errors';
import { CLIENT_IP_HEADER } from './http/client-ip';
import { viewerFromSession } from './auth/session-viewer';
import type { Viewer } from './viewer';

// The viewer of the current request, or null; read once per request. It
// carries the request's address so what it does can be audited with it.
export const getViewer = cache(async (): Promise<Viewer | null> => {
  let session: SessionClaims | null;
  try {
    session = (await auth()) as SessionClaims | null;
  } catch {
    // A token that cannot be read is no session, never an error page.
    return null;
  }
  const viewer = await viewerFromSession(session);
  return viewer ? { ...viewer, ip: await requestIp() } : null;
});

// The server sets this header on every request (after dropping any copy the
// client sent); without it, e.g. outside a request, the address is unknown.
async function requestIp(): Promise<string | null> {
  try {
    return (await headers()).get(CLIENT_IP_HEADER);
  } catch {
    return null;
  }
}

// For server actions: the viewer, or an `unauthorized` error the form shows.
export async function requireActionViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError('unauthorized');
  return viewer;
}
