import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { UserRole } from '@/lib/types';

const toneOf: Record<UserRole, BadgeTone> = { admin: 'brand', editor: 'violet', correspondent: 'blue', unit_approver: 'amber' };

export function RoleBadge({ role }: { role: UserRole }) {
  const t = useTranslations('roles');
  return <Badge tone={toneOf[role]}>{t(role)}</Badge>;
}
