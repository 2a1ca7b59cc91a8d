'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action-result';
import { setSecurityProfile } from '@/lib/security';

// The 等保三级 profile on or off; lib/security checks who and whether.
export const setSecurityProfileAction = validatedAction({ input: (profile: string) => ({ profile }), schema: z.object({ profile: z.string() }) }, async ({ profile }, viewer) => {
  await setSecurityProfile(viewer, profile);
  revalidatePath('/admin', 'layout');
  return { ok: true };
});
