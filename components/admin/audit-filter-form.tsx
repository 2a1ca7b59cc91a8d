import Form from 'next/form';
import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { FilterActions, FilterField } from '@/components/ui/filter-field';
import { Select, TextInput } from '@/components/ui/field';
import { auditActionGroups, auditActions, type AuditFilterInput } from '@/lib/audit-trail';

export type AuditFilterFormProps = { values: AuditFilterInput };


// A plain GET form: the filters live in the address, so a filtered view can
// be bookmarked, shared and reloaded.
export function AuditFilterForm({ values }: AuditFilterFormProps) {
  const t = useTranslations('admin.audit');
  const isFiltered = Object.values(values).some(Boolean);
  return (
    <Card className="mb-4 p-3 sm:p-4">
      <Form action="/admin/audit" className="flex flex-wrap items-end gap-3" role="search" data-testid="audit-filters">
        <FilterField name="person" label={t('filterPerson')} className="min-w-[9rem] flex-[1_1_10rem]">
          <TextInput name="person" defaultValue={values.person ?? ''} placeholder={t('personPlaceholder')} maxLength={64} autoCapitalize="none" spellCheck={false} />
        </FilterField>
        <FilterField name="action" label={t('filterAction')} className="min-w-[11rem] flex-[1_1_13rem]">
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
        </FilterField>
        <FilterField name="story" label={t('filterStory')} className="min-w-[9rem] flex-[1_1_10rem]">
          <TextInput name="story" defaultValue={values.story ?? ''} placeholder={t('storyPlaceholder')} maxLength={20} inputMode="numeric" spellCheck={false} />
        </FilterField>
        <FilterField name="from" label={t('filterFrom')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput name="from" type="date" defaultValue={values.from ?? ''} />
        </FilterField>
        <FilterField name="to" label={t('filterTo')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput name="to" type="date" defaultValue={values.to ?? ''} />
        </FilterField>
        <FilterActions applyLabel={t('apply')} resetLabel={t('reset')} resetHref={isFiltered ? '/admin/audit' : undefined} />
      </Form>
    </Card>
  );
}
