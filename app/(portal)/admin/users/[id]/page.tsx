import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { AccountStatus } from '@/components/admin/account-status';
import { RoleBadge } from '@/components/admin/role-badge';
import { UserEditForm } from '@/components/admin/user-edit-form';
import { UserResetPasswordForm } from '@/components/admin/user-reset-password-form';
import { UserStatusForm } from '@/components/admin/user-status-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, TitledCard } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { StoryActionButton } from '@/components/desk/story-action-button';
import { can } from '@/lib/authz';
import { isAppError } from '@/lib/errors';
import { getDateFormat } from '@/lib/i18n/dates';
import { listUnits } from '@/lib/units';
import { listActiveColumns } from '@/lib/stories';
import { getUser, roleOrder, type UserSummary } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { requirePagePermission } from '../../../guards';
import { parseId } from '@/lib/ids';
import { getAccountLock } from '@/lib/account-security';
import { resetTwoFactorAction, resetUserPasswordAction, revealContactAction, setUserDisabledAction, signOutEverywhereAction, unlockAccountAction, updateUserAction } from '../actions';

type Props = { params: Promise<{ id: string }> };

// An unknown, malformed or out-of-range id is a 404, never an error page.
// Cached so the title and the page read the account once per request.
const loadUser = cache(async (rawId: string): Promise<{ viewer: Viewer; user: UserSummary }> => {
  const viewer = await requirePagePermission('users:list');
  const id = parseId(rawId);
  if (id === null) notFound();
  try {
    return { viewer, user: await getUser(viewer, id) };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ user }, t] = await Promise.all([loadUser((await params).id), getTranslations('admin.users')]);
  return { title: t('editTitle', { name: user.displayName }) };
}

export default async function ManageUserPage({ params }: Props) {
  const { viewer, user } = await loadUser((await params).id);
  const [t, { formatDateTime }, units, lock, columns] = await Promise.all([getTranslations('admin.users'), getDateFormat(), listUnits(viewer), getAccountLock(viewer, user.id), listActiveColumns(viewer)]);
  const isSelf = user.id === viewer.id;
  const isDisabled = user.disabledAt !== null;
  // Masked contact details are never put in the form: revealed one by one, or kept.
  const canReveal = can(viewer, 'personal-data:reveal');
  const masked = user.contactMasked
    ? Object.fromEntries(
        (['email', 'phone'] as const).flatMap((field) => {
          const text = user[field];
          return text ? [[field, { text, reveal: canReveal ? revealContactAction.bind(null, user.id, field) : undefined }]] : [];
        }),
      )
    : {};
  const contactOf = (field: 'email' | 'phone') => (user.contactMasked ? '' : (user[field] ?? ''));

  return (
    <div className="mx-auto max-w-5xl">
      <Link href="/admin/users" className="mb-3 inline-block text-sm text-ink-500 hover:text-ink-900">
        ← {t('back')}
      </Link>
      <PageHeader title={t('editTitle', { name: user.displayName })} />

      <Card className="mb-4 p-5 sm:p-6">
        <h2 className="sr-only">{t('accountSection')}</h2>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="user-summary">
          <div>
            <dt className="text-xs text-ink-500">{t('username')}</dt>
            <dd className="mt-0.5 font-mono">{user.username}</dd>
          </div>
          <div>
            <dt className="text-xs text-ink-500">{t('role')}</dt>
            <dd className="mt-0.5">
              <RoleBadge role={user.role} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-ink-500">{t('status')}</dt>
            <dd className="mt-0.5">
              <AccountStatus isDisabled={isDisabled} mustChangePassword={user.mustChangePassword} />
              {user.disabledAt && <span className="mt-1 block text-xs text-ink-500">{t('disabledSince', { date: formatDateTime(user.disabledAt) })}</span>}
              {user.disabledReason === 'dormant' && <span className="mt-1 block text-xs text-ink-500">{t('disabledDormant')}</span>}
              {lock.lockedUntil && (
                <span className="mt-1 block" data-testid="user-locked">
                  <Badge tone="red">{t('locked')}</Badge>
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-ink-500">{t('twoFactor')}</dt>
            <dd className="mt-0.5" data-testid="user-two-factor">
              {user.twoFactorEnabledAt ? <Badge tone="green">{t('twoFactorOn')}</Badge> : <Badge tone="gray">{t('twoFactorOff')}</Badge>}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-ink-500">{t('createdAt')}</dt>
            <dd className="mt-0.5 tabular-nums">{formatDateTime(user.createdAt)}</dd>
          </div>
          <div>
            <dt className="text-xs text-ink-500">{t('lastLogin')}</dt>
            <dd className="mt-0.5 tabular-nums">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span className="text-ink-500">{t('never')}</span>}</dd>
          </div>
        </dl>
      </Card>

      {isSelf && (
        <Alert tone="info" className="mb-4">
          {t('selfNote')}
        </Alert>
      )}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {/* Each part for the duty it belongs to (三员分立): the account itself for
            the system administrator, sessions and second factors for the
            security administrator. lib/ checks again. */}
        {can(viewer, 'users:update') && (
        <TitledCard title={t('profileSection')}>
          <UserEditForm
            action={updateUserAction}
            userId={user.id}
            roles={roleOrder}
            units={units.map(({ id, name }) => ({ id, name }))}
            columns={columns}
            initial={{ displayName: user.displayName, role: user.role, adminDuties: user.adminDuties.join(','), unitId: user.unitId ? String(user.unitId) : '', columnIds: (user.columnIds ?? []).join(','), email: contactOf('email'), phone: contactOf('phone') }}
            masked={masked}
          />
        </TitledCard>
        )}
        <div className="grid gap-4">
          {can(viewer, 'users:disable') && (
          <TitledCard title={t('statusSection')}>
            <UserStatusForm action={setUserDisabledAction} userId={user.id} isDisabled={isDisabled} />
          </TitledCard>
          )}
          {can(viewer, 'users:reset-password') && (
          <TitledCard title={t('resetPassword')}>
            <UserResetPasswordForm action={resetUserPasswordAction} userId={user.id} />
          </TitledCard>
          )}
          {lock.lockedUntil && can(viewer, 'users:unlock') && (
            <TitledCard title={t('lockSection')}>
              <div className="space-y-3">
                <p className="text-sm text-ink-700">{t('lockedUntil', { time: formatDateTime(lock.lockedUntil) })}</p>
                <StoryActionButton label={t('unlock')} pendingLabel={t('working')} confirm={t('unlockConfirm')} run={unlockAccountAction.bind(null, user.id)} testId="unlock-account" />
              </div>
            </TitledCard>
          )}
          {can(viewer, 'users:sign-out-everywhere') && (
          <TitledCard title={t('signOutEverywhere')}>
            <StoryActionButton
              label={t('signOutEverywhere')}
              pendingLabel={t('signOutEverywhere')}
              confirm={t('signOutEverywhereConfirm')}
              variant="danger"
              run={signOutEverywhereAction.bind(null, user.id)}
              testId="sign-out-everywhere"
            />
          </TitledCard>
          )}
          {can(viewer, 'users:reset-two-factor') && (
          <TitledCard title={t('twoFactor')}>
            {!user.twoFactorEnabledAt ? (
              <p className="text-sm text-ink-500">{t('twoFactorNone')}</p>
            ) : isSelf ? (
              <p className="text-sm text-ink-500">{t('twoFactorSelf')}</p>
            ) : (
              <div className="space-y-3">
                <p className="text-sm text-ink-700">{t('twoFactorResetHint', { date: formatDateTime(user.twoFactorEnabledAt) })}</p>
                <StoryActionButton
                  label={t('twoFactorReset')}
                  pendingLabel={t('working')}
                  confirm={t('twoFactorResetConfirm')}
                  variant="danger"
                  run={resetTwoFactorAction.bind(null, user.id)}
                  testId="reset-two-factor"
                />
              </div>
            )}
          </TitledCard>
          )}
        </div>
      </div>
    </div>
  );
}
