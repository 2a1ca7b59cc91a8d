import { getTranslations } from 'next-intl/server';
import type { StoryFlowView } from '@/lib/stories';

// Where a story stands in its review flow: each stage in order, the current
// one marked, those behind it done; the last is the sign-off (签发).
export async function StageProgress({ flow, status }: { flow: StoryFlowView; status: string }) {
  const t = await getTranslations('review.stages');
  const published = status === 'published' || status === 'scheduled' || status === 'unpublished';
  return (
    <nav aria-label={t('progress', { flow: flow.flowName })} data-testid="stage-progress">
      <ol className="flex flex-wrap items-center gap-1.5 text-xs">
        {flow.stages.map((stage, i) => {
          const isCurrent = flow.current === i && !published;
          const isDone = published || (flow.current !== null && i < flow.current);
          const tone = isCurrent ? 'border-brand-600 bg-brand-50 text-brand-800 font-semibold' : isDone ? 'border-green-200 bg-green-50 text-green-800' : 'border-line bg-white text-ink-500';
          return (
            <li key={stage.name} className="flex items-center gap-1.5">
              {i > 0 && <span aria-hidden className="text-ink-300">→</span>}
              <span className={`rounded-full border px-2.5 py-0.5 ${tone}`} aria-current={isCurrent ? 'step' : undefined} data-stage={i}>
                {stage.name}
                {i === flow.stages.length - 1 && <span className="ml-1 text-[0.7rem] font-normal opacity-80">{t('signOffMark')}</span>}
                {isDone && <span className="sr-only"> {t('done')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
