import 'server-only';
import { hashAlgorithm } from '../../crypto-suite';
import { getAuditSettings } from '../../settings';
import type { SecurityControl } from './control';

// The audit trail's controls (安全审计, 数据完整性) as /admin/security lists them,
// for the settings in force. Labels are under security.controls.

export async function auditControls(): Promise<SecurityControl[]> {
  const audit = await getAuditSettings();
  const algorithm = hashAlgorithm();
  return [
    // Database triggers: always on, profile or not.
    { id: 'audit.append-only', area: 'integrity', labelKey: 'auditAppendOnly', on: true },
    { id: 'audit.hash-chain', area: 'integrity', labelKey: 'auditHashChain', on: true, detail: algorithm === 'sm3' ? 'SM3' : 'SHA-256' },
    // Every security event with account, address, event and outcome.
    { id: 'audit.security-events', area: 'audit', labelKey: 'auditSecurityEvents', on: true },
    // At least six months kept (网络安全法 art. 21) with the profile or without:
    // unset keeps everything, and a set period is never under 180 days (the
    // database itself refuses younger deletions). `detail`: the days.
    {
      id: 'audit.retention',
      area: 'audit',
      labelKey: audit.retentionDays === null ? 'auditRetentionKeepAll' : 'auditRetentionDays',
      on: true,
      ...(audit.retentionDays === null ? {} : { detail: String(audit.retentionDays) }),
    },
    // Reading, verifying and exporting the trail: the audit permission only, and audited.
    { id: 'audit.access', area: 'audit', labelKey: 'auditAccess', on: true },
  ];
}
