import 'server-only';
import { getDataKeyring } from '../../crypto/keys';
import { cryptoSuite } from '../../crypto-suite';
import { getEnv } from '../../env';
import { isMaskingPersonalData } from '../../personal-data/policy';
import { getPrivacySettings, getSiteSettings } from '../../settings';

export type SecurityControl = { id: string; labelKey: string; on: boolean; detail?: string };

// The personal-data controls as /admin/security lists them (labels under
// security.controls): encryption at rest and its key, masking, audited reveals.
export async function privacyControls(): Promise<SecurityControl[]> {
  const [{ security }, privacy] = await Promise.all([getSiteSettings(), getPrivacySettings()]);
  const keyring = getDataKeyring();
  const isConfigured = getEnv().DATA_ENCRYPTION_KEY !== undefined;
  return [
    {
      id: 'personal-data-encryption',
      labelKey: 'personalDataEncryption',
      on: true,
      detail: cryptoSuite() === 'gm' ? 'SM4-CTR + HMAC-SM3' : 'AES-256-GCM',
    },
    {
      id: 'data-encryption-key',
      labelKey: 'dataEncryptionKey',
      on: isConfigured,
      detail: `${isConfigured ? 'DATA_ENCRYPTION_KEY' : 'AUTH_SECRET (HKDF)'} · ${keyring.current.id}${keyring.retired.length ? ` · +${keyring.retired.length}` : ''}`,
    },
    { id: 'personal-data-masking', labelKey: 'personalDataMasking', on: isMaskingPersonalData(privacy, security) },
    { id: 'personal-data-reveal-audit', labelKey: 'personalDataRevealAudit', on: true },
  ];
}
