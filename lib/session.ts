import 'server-only';
import { cache } from 'react';
import { auth } from './auth';
import type { SessionClaims } from './auth/config';
import { AppError } from './errors';
import { viewerFromSession, type Viewer } from './viewer';

// The viewer of the current request, or null; read once per request.
export const getViewer = cache(async (): Promise<Viewer | null> => {
  let session: SessionClaims | null;
  try {
    session = (await auth()) as SessionClaims | null;
  } catch {
    // A token that cannot be read is no session, never an error page.
    return null;
  }
  return viewerFromSession(session);
});

// For server actions: the viewer, or an `unauthorized` error the form shows.
export async function requireActionViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError('unauthorized');
  return viewer;
}
