import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';

export type AccountStatusProps = { isDisabled: boolean; mustChangePassword: boolean; canWrap?: boolean };

// Active or disabled, and whether the first password is still waiting to be changed.
export function AccountStatus({ isDisabled, mustChangePassword, canWrap = true }: AccountStatusProps) {
  const t = useTranslations('admin.users');
  return (
    <span className={`inline-flex items-center gap-1.5 ${canWrap ? 'flex-wrap' : ''}`}>
      {isDisabled ? <Badge tone="gray">{t('statusDisabled')}</Badge> : <Badge tone="green">{t('statusActive')}</Badge>}
      {mustChangePassword && !isDisabled && <Badge tone="amber">{t('mustChange')}</Badge>}
    </span>
  );
}
