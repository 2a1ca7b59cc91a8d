import Form from 'next/form';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Select, TextInput } from '@/components/ui/field';
import { auditActionGroups, auditActions, type AuditFilterInput } from '@/lib/audit';

export type AuditFilterFormProps = { values: AuditFilterInput };

const labelClass = 'mb-1 block text-xs font-medium text-ink-500';

// A plain GET form: the filters live in the address, so a filtered view can
// be bookmarked, shared and reloaded.
export function AuditFilterForm({ values }: AuditFilterFormProps) {
  const t = useTranslations('admin.audit');
  const isFiltered = Object.values(values).some(Boolean);
  return (
    <Card className="mb-4 p-3 sm:p-4">
      <Form action="/admin/audit" className="flex flex-wrap items-end gap-3" role="search" data-testid="audit-filters">
        <div className="min-w-[9rem] flex-[1_1_10rem]">
          <label htmlFor="person" className={labelClass}>
            {t('filterPerson')}
          </label>
          <TextInput name="person" defaultValue={values.person ?? ''} placeholder={t('personPlaceholder')} maxLength={64} autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="min-w-[11rem] flex-[1_1_13rem]">
          <label htmlFor="action" className={labelClass}>
            {t('filterAction')}
          </label>
          <Select name="action" defaultValue={values.action ?? ''}>
            <option value="">{t('anyAction')}</option>
            {auditActionGroups.map((group) => (
              <optgroup key={group} label={t(`groups.${group}`)}>
                <option value={group}>{t('groupAll', { group: t(`groups.${group}`) })}</option>
                {auditActions[group].map((action) => (
                  <option key={action} value={action}>
                    {t(`actions.${action.replace('.', '_')}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="min-w-[9rem] flex-[1_1_10rem]">
          <label htmlFor="story" className={labelClass}>
            {t('filterStory')}
          </label>
          <TextInput name="story" defaultValue={values.story ?? ''} placeholder={t('storyPlaceholder')} maxLength={20} inputMode="numeric" spellCheck={false} />
        </div>
        <div className="min-w-[8.5rem] flex-[1_1_9rem]">
          <label htmlFor="from" className={labelClass}>
            {t('filterFrom')}
          </label>
          <TextInput name="from" type="date" defaultValue={values.from ?? ''} />
        </div>
        <div className="min-w-[8.5rem] flex-[1_1_9rem]">
          <label htmlFor="to" className={labelClass}>
            {t('filterTo')}
          </label>
          <TextInput name="to" type="date" defaultValue={values.to ?? ''} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass('secondary')}>
            {t('apply')}
          </button>
          {isFiltered && (
            <Link href="/admin/audit" className={buttonClass('ghost')}>
              {t('reset')}
            </Link>
          )}
        </div>
      </Form>
    </Card>
  );
}
