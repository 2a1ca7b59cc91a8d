import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/public/print-button';
import { LeaderApprovalForm } from '@/components/review/leader-approval-form';
import { ReviewSheetView } from '@/components/review/review-sheet';
import { getReviewSheet } from '@/lib/review-sheet';
import { canRecordLeaderApproval, LEADER_NAME_MAX, LEADER_NOTE_MAX } from '@/lib/stories';
import { loadStoryPage } from '../../../guards';
import { recordLeaderApprovalAction } from './actions';

type Props = { params: Promise<{ id: string }> };

const load = (rawId: string) => loadStoryPage('review:use', rawId);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { story } = await load((await params).id);
  const t = await getTranslations('review.sheet');
  return { title: story.receiptNo ? t('pageTitle', { receiptNo: story.receiptNo }) : t('title') };
}

// 稿件审查单: the review desk prints it and files it with the signatures.
export default async function ReviewSheetPage({ params }: Props) {
  const { viewer, story: handle } = await load((await params).id);
  const [t, sheet] = await Promise.all([getTranslations('review.sheet'), getReviewSheet(viewer, handle)]);
  return (
    <div className="space-y-4 print:space-y-0">
      <nav className="mx-auto flex w-full max-w-[210mm] flex-wrap items-center gap-x-4 gap-y-2 text-sm print:hidden">
        <Link href={`/review/${sheet.storyId}`} className="text-ink-500 hover:text-brand-700">
          ← {t('back')}
        </Link>
        <Link href="/review/sheets" className="text-brand-700 hover:underline" data-testid="sheet-export-link">
          {t('exportLink')}
        </Link>
        <span className="ml-auto">
          <PrintButton label={t('print')} />
        </span>
      </nav>
      <ReviewSheetView sheet={sheet} />
      {canRecordLeaderApproval(viewer, sheet) && (
        <LeaderApprovalForm
          action={recordLeaderApprovalAction.bind(null, sheet.storyId, sheet.version)}
          leaderName={sheet.secrecy.leaderName}
          limits={{ leaderName: LEADER_NAME_MAX, note: LEADER_NOTE_MAX }}
        />
      )}
    </div>
  );
}
