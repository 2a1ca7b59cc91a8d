import 'server-only';
import { getDataKeyring } from '../../crypto/keys';
import { cryptoSuite } from '../../crypto-suite';
import { getEnv } from '../../env';
import { isMaskingPersonalData } from '../../personal-data/policy';
import { getPrivacySettings, getSiteSettings } from '../../settings';
import type { SecurityControl } from './control';


// The personal-data controls as /admin/security lists them (labels under
// security.controls): encryption at rest and its key, masking, audited reveals.
export async function privacyControls(): Promise<SecurityControl[]> {
  const [{ security }, privacy] = await Promise.all([getSiteSettings(), getPrivacySettings()]);
  const keyring = getDataKeyring();
  const isConfigured = getEnv().DATA_ENCRYPTION_KEY !== undefined;
  return [
    {
      id: 'personal-data-encryption',
      area: 'confidentiality',
      labelKey: 'personalDataEncryption',
      on: true,
      detail: cryptoSuite() === 'gm' ? 'SM4-CTR + HMAC-SM3' : 'AES-256-GCM',
    },
    {
      id: 'data-encryption-key',
      area: 'confidentiality',
      labelKey: 'dataEncryptionKey',
      on: isConfigured,
      detail: `${isConfigured ? 'DATA_ENCRYPTION_KEY' : 'AUTH_SECRET (HKDF)'} · ${keyring.current.id}${keyring.retired.length ? ` · +${keyring.retired.length}` : ''}`,
    },
    { id: 'personal-data-masking', area: 'privacy', labelKey: 'personalDataMasking', on: isMaskingPersonalData(privacy, security) },
    { id: 'personal-data-reveal-audit', area: 'privacy', labelKey: 'personalDataRevealAudit', on: true },
  ];
}
