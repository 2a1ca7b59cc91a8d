import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { can } from '@/lib/authz';
import { getTranslations } from 'next-intl/server';
import { AccountStatus } from '@/components/admin/account-status';
import { RoleBadge } from '@/components/admin/role-badge';
import { RevealContact } from '@/components/portal/reveal-contact';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { Select, TextInput } from '@/components/ui/field';
import { FilterActions, FilterField, FilterSelect } from '@/components/ui/filter-field';
import { FilterDisclosure } from '@/components/ui/filter-disclosure';
import { PageHeader } from '@/components/ui/page-header';
import { getDateFormat } from '@/lib/i18n/dates';
import type { UserRole } from '@/lib/types';
import { listUnits } from '@/lib/units';
import { listUsers, roleOrder, type UserSummary } from '@/lib/users';
import { requirePagePermission } from '../../guards';
import { parseId } from '@/lib/ids';
import { firstParam } from '../parse';
import { revealContactAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.users'))('title') };
}

const PAGE_SIZE = 25;
const statuses = ['active', 'disabled', 'all'] as const;
type StatusFilter = (typeof statuses)[number];

type Filters = { q?: string; role?: UserRole; unitId?: number; status: StatusFilter; page: number };

type SearchParams = Record<string, string | string[] | undefined>;

// Anything unexpected in the address is ignored rather than an error page.
function parseFilters(sp: SearchParams): Filters {
  const q = firstParam(sp.q)?.trim().slice(0, 100);
  return {
    q: q || undefined,
    role: roleOrder.find((r) => r === firstParam(sp.role)),
    unitId: parseId(firstParam(sp.unit)) ?? undefined,
    status: statuses.find((s) => s === firstParam(sp.status)) ?? 'active',
    page: parseId(firstParam(sp.page)) ?? 1,
  };
}

function hrefFor(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.role) params.set('role', filters.role);
  if (filters.unitId) params.set('unit', String(filters.unitId));
  if (filters.status !== 'active') params.set('status', filters.status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

const pagerClass = 'rounded-md border border-line px-3 py-1.5 text-sm';

type ContactCellProps = { user: UserSummary; canReveal: boolean; t: Awaited<ReturnType<typeof getTranslations<'admin.users'>>> };

// Phone above e-mail; masked ones with their "show" button where the viewer may reveal.
function ContactCell({ user, canReveal, t }: ContactCellProps) {
  const fields = (['phone', 'email'] as const).filter((field) => user[field]);
  if (!fields.length) return <span className="text-ink-300">—</span>;
  return (
    <div className="space-y-0.5">
      {fields.map((field) => (
        <div key={field} className={field === 'email' ? 'text-xs text-ink-500' : 'tabular-nums'} data-testid={`user-${field}`}>
          {user.contactMasked && canReveal ? (
            <RevealContact
              masked={user[field]!}
              reveal={revealContactAction.bind(null, user.id, field)}
              buttonText={t('reveal')}
              buttonLabel={t('revealLabel', { name: user.displayName, field: t(`contactFields.${field}`) })}
              testId={`user-${field}`}
            />
          ) : (
            <span className="break-all">{user[field]}</span>
          )}
        </div>
      ))}
    </div>
  );
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission('users:list');
  const filters = parseFilters(await searchParams);
  const query = { q: filters.q, role: filters.role, unitId: filters.unitId, status: filters.status, pageSize: PAGE_SIZE };
  const [t, tRoles, tLayout, { formatDateTime }, units, first] = await Promise.all([
    getTranslations('admin.users'),
    getTranslations('roles'),
    getTranslations('listLayout'),
    getDateFormat(),
    listUnits(viewer),
    listUsers(viewer, { ...query, page: filters.page }),
  ]);
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  // A page past the end (a bookmark, an account disabled meanwhile) shows the last one.
  const result = filters.page > pages ? await listUsers(viewer, { ...query, page: pages }) : first;
  const page = result.page;
  const activeFilters = [filters.q, filters.role, filters.unitId, filters.status !== 'active'].filter(Boolean).length;
  const canReveal = can(viewer, 'personal-data:reveal');

  return (
    <div>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          can(viewer, 'users:create') ? (
            <Link href="/admin/users/new" className={buttonClass('primary')} data-testid="new-user">
              <span aria-hidden>＋</span>
              {t('new')}
            </Link>
          ) : undefined
        }
      />

      <FilterDisclosure label={tLayout('filters')} activeCount={activeFilters} testId="user-filters">
        <Card className="p-3 sm:p-4">
          <Form action="/admin/users" className="flex flex-wrap items-end gap-3" role="search">
            <FilterField name="q" label={t('searchLabel')} className="min-w-[12rem] flex-[2_1_14rem]">
              <TextInput name="q" type="search" defaultValue={filters.q ?? ''} placeholder={t('search')} maxLength={100} />
            </FilterField>
            <FilterField name="role" label={t('filterRole')} className="min-w-[8rem] flex-[1_1_9rem]">
              <Select name="role" defaultValue={filters.role ?? ''}>
                <option value="">{t('anyRole')}</option>
                {roleOrder.map((role) => (
                  <option key={role} value={role}>
                    {tRoles(role)}
                  </option>
                ))}
              </Select>
            </FilterField>
            <FilterSelect name="unit" label={t('filterUnit')} anyLabel={t('anyUnit')} options={units} selected={filters.unitId} />
            <FilterField name="status" label={t('filterStatus')} className="min-w-[7rem] flex-[1_1_8rem]">
              <Select name="status" defaultValue={filters.status}>
                <option value="active">{t('statusActive')}</option>
                <option value="disabled">{t('statusDisabled')}</option>
                <option value="all">{t('statusAll')}</option>
              </Select>
            </FilterField>
            <FilterActions applyLabel={t('apply')} resetLabel={t('reset')} resetHref={activeFilters > 0 ? '/admin/users' : undefined} />
          </Form>
        </Card>
      </FilterDisclosure>

      {result.rows.some((user) => user.contactMasked) && (
        <p className="mb-3 text-sm text-ink-500" data-testid="contact-masked-note">
          {t('contactMaskedNote')}
        </p>
      )}

      <Card className="overflow-hidden">
        {result.rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <DataTable
            rows={result.rows}
            rowKey={(user) => user.id}
            rowProps={(user) => ({ className: user.disabledAt ? 'text-ink-500' : '', 'data-testid': 'user-row', 'data-username': user.username })}
            testId="users-table"
            columns={[
              { key: 'username', label: t('username'), className: 'font-mono text-xs whitespace-nowrap', cell: (user) => user.username },
              { key: 'displayName', label: t('displayName'), card: 'title', className: 'md:whitespace-nowrap', cell: (user) => user.displayName },
              { key: 'role', label: t('role'), cell: (user) => <RoleBadge role={user.role} /> },
              { key: 'unit', label: t('unit'), className: 'text-ink-700 md:whitespace-nowrap', cell: (user) => user.unitName ?? <span className="text-ink-500">—</span> },
              { key: 'contact', label: t('contact'), card: 'line', className: 'md:max-w-[16rem]', cell: (user) => <ContactCell user={user} canReveal={canReveal} t={t} /> },
              { key: 'status', label: t('status'), card: 'aside', cell: (user) => <AccountStatus isDisabled={user.disabledAt !== null} mustChangePassword={user.mustChangePassword} canWrap={false} /> },
              {
                key: 'lastLogin',
                label: t('lastLogin'),
                className: 'whitespace-nowrap text-ink-500 tabular-nums',
                cell: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('never')),
              },
              {
                key: 'actions',
                label: t('actions'),
                header: <span className="sr-only">{t('actions')}</span>,
                card: 'end',
                align: 'end',
                className: 'whitespace-nowrap',
                cell: (user) => (
                  <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                    {t('edit')}
                    <span className="sr-only"> {user.username}</span>
                  </Link>
                ),
              },
            ]}
          />
        )}
        {result.total > 0 && (
          <nav aria-label={t('pagination')} className="flex flex-wrap items-center justify-between gap-3 border-t border-line bg-gray-50/60 px-4 py-2.5 text-sm">
            <span className="text-ink-500">{t('total', { count: result.total })}</span>
            <div className="flex items-center gap-2">
              {page > 1 ? (
                <Link href={hrefFor(filters, page - 1)} className={`${pagerClass} bg-white hover:bg-gray-50`} rel="prev">
                  {t('prev')}
                </Link>
              ) : (
                <span className={`${pagerClass} text-ink-300`} aria-disabled="true">
                  {t('prev')}
                </span>
              )}
              <span className="px-1 text-ink-700 tabular-nums" aria-current="page">
                {t('page', { page, pages })}
              </span>
              {page < pages ? (
                <Link href={hrefFor(filters, page + 1)} className={`${pagerClass} bg-white hover:bg-gray-50`} rel="next">
                  {t('next')}
                </Link>
              ) : (
                <span className={`${pagerClass} text-ink-300`} aria-disabled="true">
                  {t('next')}
                </span>
              )}
            </div>
          </nav>
        )}
      </Card>
    </div>
  );
}
