import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '../../audit';
import { getDataKeyring } from '../../crypto/keys';
import { cipherOf } from '../../crypto/sealed';
import { cryptoSuite } from '../../crypto-suite';
import { resealContacts, sealPlainContacts, type ResealProgress } from './contacts';

export type RotationResult = { sealedPlain: number; resealed: number; unreadable: number[]; remaining: number; keyId: string; cipher: string };

// `npm run keys:rotate`: every contact detail onto the current key and suite
// (DATA_ENCRYPTION_KEY, CRYPTO_SUITE), plain leftovers first, then recorded
// in the audit trail. Resumable: a second run does only what is left.
export async function rotateContactKeys(db: Db, options: { batchSize?: number; onBatch?: (progress: ResealProgress) => void } = {}): Promise<RotationResult> {
  const { sealed: sealedPlain } = await sealPlainContacts(db, options);
  const { resealed, unreadable, remaining } = await resealContacts(db, options);
  const keyId = getDataKeyring().current.id;
  const cipher = cipherOf(cryptoSuite());
  await recordAudit(db, {
    actorId: null,
    action: 'keys.rotate',
    targetType: 'settings',
    targetId: 'privacy',
    meta: { keyId, cipher, sealedPlain, resealed, unreadable: unreadable.length, remaining, via: 'cli' },
  });
  return { sealedPlain, resealed, unreadable, remaining, keyId, cipher };
}
