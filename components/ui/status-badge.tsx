import { useTranslations } from 'next-intl';
import type { StoryStatus } from '@/lib/types';
import { Badge, type BadgeTone } from './badge';

const toneOf: Record<StoryStatus, BadgeTone> = {
  draft: 'gray',
  submitted: 'blue',
  in_review: 'violet',
  changes_requested: 'amber',
  rejected: 'red',
  scheduled: 'brand',
  published: 'green',
  unpublished: 'gray',
};

export function StatusBadge({ status }: { status: StoryStatus }) {
  const t = useTranslations('status');
  return <Badge tone={toneOf[status]}>{t(status)}</Badge>;
}
