import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { WorkflowColumns } from '@/components/admin/workflow-columns';
import { WorkflowList } from '@/components/admin/workflow-list';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listFlowChoices, listFlows } from '@/lib/review-flows';
import { requirePagePermission } from '../../guards';
import { createFlowAction, deleteFlowAction, setColumnFlowAction, setDefaultFlowAction, updateFlowAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.workflows'))('title') };
}

export default async function WorkflowsPage() {
  const viewer = await requirePagePermission('workflows:manage');
  const [t, flows, choices] = await Promise.all([getTranslations('admin.workflows'), listFlows(viewer), listFlowChoices(viewer)]);
  const names = {
    people: Object.fromEntries([...choices.people, ...choices.named].map((p) => [p.id, p.displayName])),
    columns: Object.fromEntries(choices.columns.map((c) => [c.id, c.name])),
  };
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="space-y-6">
        <WorkflowList
          flows={flows}
          choices={choices}
          names={names}
          createAction={createFlowAction}
          updateAction={updateFlowAction}
          setDefaultAction={setDefaultFlowAction}
          deleteAction={deleteFlowAction}
        />
        <Card className="overflow-hidden">
          <div className="border-b border-line px-4 py-4 sm:px-5">
            <h2 className="text-base font-semibold text-ink-900">{t('columnsHeading')}</h2>
            <p className="mt-1 text-sm text-ink-500">{t('columnsIntro')}</p>
          </div>
          <WorkflowColumns columns={choices.columns} flows={flows.map((f) => ({ id: f.id, name: f.name, isDefault: f.isDefault }))} action={setColumnFlowAction} />
        </Card>
      </div>
    </div>
  );
}
