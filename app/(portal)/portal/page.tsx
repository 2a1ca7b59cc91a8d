import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/authz';
import { requirePortalViewer } from '../guards';

// Where a login lands: each role's own home.
export default async function PortalHome() {
  const viewer = await requirePortalViewer();
  redirect(homePathFor(viewer));
}
