import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { StageDef } from '@/lib/review-flows/stages';

// Names of the people and columns stages refer to, as the page read them.
export type WorkflowNames = { people: Record<number, string>; columns: Record<number, string> };

// A flow's stages as one line: 初审 → 复审 → 终审（签发）.
export function WorkflowChain({ stages }: { stages: readonly StageDef[] }) {
  const t = useTranslations('admin.workflows');
  return (
    <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm" data-testid="workflow-chain" aria-label={t('stagesHeading')}>
      {stages.map((stage, i) => (
        <li key={i} className="flex items-center gap-1.5">
          {i > 0 && (
            <span className="text-ink-300" aria-hidden>
              →
            </span>
          )}
          <span className="font-medium text-ink-900">{stage.name}</span>
          {i === stages.length - 1 && <Badge tone="brand">{t('signOff')}</Badge>}
        </li>
      ))}
    </ol>
  );
}

// Who acts at each stage: 全体编辑 / 本单位审核员 / the people named, the
// column limit, and whether an opinion is required.
export function WorkflowStageList({ stages, names }: { stages: readonly StageDef[]; names: WorkflowNames }) {
  const t = useTranslations('admin.workflows');
  const format = useFormatter();
  const list = (items: string[]) => format.list(items, { type: 'conjunction', style: 'narrow' });
  const person = (id: number) => names.people[id] ?? t('unknownPerson', { id });
  const column = (id: number) => names.columns[id] ?? t('unknownColumn', { id });
  return (
    <ol className="space-y-1.5 text-sm" data-testid="workflow-stages">
      {stages.map((stage, i) => {
        const people = list(stage.userIds.map(person));
        return (
          <li key={i} className="flex gap-2">
            <span className="w-5 shrink-0 text-right text-ink-500 tabular-nums">{i + 1}.</span>
            <div className="min-w-0 flex-1">
              <span className="font-medium text-ink-900">{stage.name}</span>
              <span className="text-ink-300"> · </span>
              <span className="text-ink-700">
                {stage.holders === 'named' ? people : t(`who.${stage.holders}`)}
                {stage.holders !== 'named' && people ? t('stageAlso', { names: people }) : ''}
              </span>
              {stage.holders === 'desk' && stage.columnIds?.length ? (
                <span className="block text-xs text-ink-500 sm:inline sm:text-sm">
                  <span className="hidden text-ink-300 sm:inline"> · </span>
                  {t('stageColumns', { names: list(stage.columnIds.map(column)) })}
                </span>
              ) : null}
              {stage.opinionRequired && (
                <span className="ml-1.5 inline-block align-middle">
                  <Badge tone="amber">{t('stageOpinion')}</Badge>
                </span>
              )}
              <StageDeadlineSummary limitHours={stage.limitHours} supervisors={stage.supervisorIds.map(person)} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

// A stage's time limit and who supervises it, on its line of the flow card.
function StageDeadlineSummary({ limitHours, supervisors }: { limitHours: number | null; supervisors: string[] }) {
  const t = useTranslations('reviewDeadlines.workflow');
  const format = useFormatter();
  if (limitHours === null && supervisors.length === 0) return null;
  return (
    <span className="block text-xs text-ink-500" data-testid="stage-deadline-summary">
      {limitHours !== null && t('limitSummary', { hours: limitHours })}
      {limitHours !== null && ' · '}
      {supervisors.length ? t('supervisorsSummary', { names: format.list(supervisors, { type: 'conjunction', style: 'narrow' }) }) : t('supervisorsDefault')}
    </span>
  );
}
