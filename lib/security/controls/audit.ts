import 'server-only';
import { hashAlgorithm } from '../../crypto-suite';
import { getAuditSettings } from '../../settings';

// The audit trail's controls (安全审计, 数据完整性) as /admin/security lists them,
// for the settings in force. Labels are under security.controls.
export type SecurityControl = { id: string; labelKey: string; on: boolean; detail?: string };

export async function auditControls(): Promise<SecurityControl[]> {
  const audit = await getAuditSettings();
  const algorithm = hashAlgorithm();
  return [
    // Database triggers: always on, profile or not.
    { id: 'audit.append-only', labelKey: 'auditAppendOnly', on: true },
    { id: 'audit.hash-chain', labelKey: 'auditHashChain', on: true, detail: algorithm === 'sm3' ? 'SM3' : 'SHA-256' },
    // Every security event with account, address, event and outcome.
    { id: 'audit.security-events', labelKey: 'auditSecurityEvents', on: true },
    // At least six months kept (网络安全法 art. 21) with the profile or without:
    // unset keeps everything, and a set period is never under 180 days (the
    // database itself refuses younger deletions). `detail`: the days.
    {
      id: 'audit.retention',
      labelKey: audit.retentionDays === null ? 'auditRetentionKeepAll' : 'auditRetentionDays',
      on: true,
      ...(audit.retentionDays === null ? {} : { detail: String(audit.retentionDays) }),
    },
    // Reading, verifying and exporting the trail: the audit permission only, and audited.
    { id: 'audit.access', labelKey: 'auditAccess', on: true },
  ];
}
