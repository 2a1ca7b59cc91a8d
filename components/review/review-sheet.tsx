import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import { Fragment, type ReactNode } from 'react';
import { LocationQrCode } from '@/components/public/location-qr-code';
import { qrSvgOptions } from '@/components/public/qr-options';
import { getDateFormat } from '@/lib/i18n/dates';
import type { ReviewSheet, SheetDecision, SheetStage } from '@/lib/review-sheet';

// The 稿件审查单 as the paper form a newsroom files: one bordered table on an
// A4 page, the story's particulars, the 保密审查, a block per review stage
// with its opinion, reviewer, time and a line to sign by hand, then the
// sign-off and where it was published. Print-only styles are in globals.css
// (.review-sheet, @page review-sheet).

type Translate = (key: string, values?: Record<string, string | number>) => string;

const cell = 'border border-ink-900 px-2.5 py-2 align-middle';
const head = 'border border-ink-900 px-1 py-2 sm:px-1.5 text-center align-middle font-semibold break-words';

function Blank({ className = 'w-28' }: { className?: string }) {
  return <span aria-hidden className={`inline-block translate-y-0.5 border-b border-ink-900 ${className}`} />;
}

// A box ticked or left empty, as on paper; read out as its state.
function Tick({ checked, t }: { checked: boolean; t: Translate }) {
  return (
    <span
      role="img"
      aria-label={t(checked ? 'ticked' : 'unticked')}
      className="mr-1 inline-grid size-[1.05em] translate-y-[0.12em] place-items-center border border-ink-900 text-[0.8em] leading-none font-bold"
    >
      {checked ? '✓' : ''}
    </span>
  );
}

function Label({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className={head}>
      {children}
    </th>
  );
}

type Pair = { label: string; value: ReactNode; testId: string; numeric?: boolean };

// Two fields side by side, as the form's four columns hold them.
function PairRow({ pairs }: { pairs: [Pair, Pair] }) {
  return (
    <tr>
      {pairs.map(({ label, value, testId, numeric }) => (
        <Fragment key={testId}>
          <Label>{label}</Label>
          <td className={numeric ? `${cell} tabular-nums` : cell} data-testid={testId}>
            {value}
          </td>
        </Fragment>
      ))}
    </tr>
  );
}

// A field across the whole row.
function WideRow({ label, children, testId, className = '' }: { label: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <tr className="break-inside-avoid">
      <Label>{label}</Label>
      <td className={`${cell} ${className}`} colSpan={3} data-testid={testId}>
        {children}
      </td>
    </tr>
  );
}

function reviewerName(d: SheetDecision, t: Translate): string {
  return d.recordedForName ? t('recordedFor', { name: d.recordedForName, recorder: d.actorName }) : d.actorName;
}

function Opinion({ decision, t, formatDateTime, attributed, stageName }: { decision: SheetDecision; t: Translate; formatDateTime: (d: Date) => string; attributed: boolean; stageName?: string }) {
  return (
    <li className="break-inside-avoid" data-testid="sheet-decision">
      {stageName && <span className="mr-1.5 font-semibold">{stageName}</span>}
      {decision.kind !== 'approve' && <span className="mr-1 font-semibold">{t('decisionTag', { kind: t(`decisions.${decision.kind}`) })}</span>}
      <span className="whitespace-pre-wrap">{decision.opinion || t('noOpinion')}</span>
      {decision.textChangedSince && (
        <span className="ml-1.5 border border-ink-900 px-1 text-[0.8em] whitespace-nowrap" data-testid="text-changed">
          {t('textChangedSince')}
        </span>
      )}
      {attributed && (
        <span className="ml-2 text-[0.85em] whitespace-nowrap text-ink-700">
          —— {reviewerName(decision, t)} {formatDateTime(decision.createdAt)}
        </span>
      )}
    </li>
  );
}

// One stage: its opinions (earlier ones signed inline), then the standing
// decision's reviewer and time, and blanks for the signature and date.
function StageRow({ label, decisions, t, formatDateTime, testId }: { label: ReactNode; decisions: SheetDecision[]; t: Translate; formatDateTime: (d: Date) => string; testId: string }) {
  const last = decisions.at(-1);
  return (
    <tr className="break-inside-avoid" data-testid={testId}>
      <Label>{label}</Label>
      <td className={`${cell} align-top`} colSpan={3}>
        <div className="min-h-[22mm]">
          <span className="mr-1 font-semibold">
            {t('labelled', { label: t('opinion') })}
          </span>
          {decisions.length > 0 && (
            <ol className="mt-0.5 space-y-1">
              {decisions.map((d, i) => (
                <Opinion key={d.id} decision={d} t={t} formatDateTime={formatDateTime} attributed={i < decisions.length - 1} />
              ))}
            </ol>
          )}
        </div>
        <div className="mt-2 flex flex-wrap items-end gap-x-6 gap-y-1.5">
          <span>
            {t('labelled', { label: t('reviewer') })}
            {last ? <span data-testid="stage-reviewer">{reviewerName(last, t)}</span> : <Blank />}
          </span>
          <span>
            {t('labelled', { label: t('time') })}
            {last ? <span className="tabular-nums">{formatDateTime(last.createdAt)}</span> : <Blank />}
          </span>
          <span className="ml-auto">
            {t('labelled', { label: t('signature') })}
            <Blank className="w-32" />
          </span>
        </div>
      </td>
    </tr>
  );
}

function stageLabel(stage: SheetStage, t: Translate): string {
  return stage.isSignOff && !stage.name.includes('签发') ? t('signOffStage', { name: stage.name }) : stage.name;
}

async function QrCode({ url, label }: { url: string; label: string }) {
  if (!/^https?:\/\//.test(url)) return <LocationQrCode path={url} label={label} />;
  const svg = await QRCode.toString(url, qrSvgOptions);
  // Our own SVG, made from our own address by the QR library.
  return <div className="size-28" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export async function ReviewSheetView({ sheet }: { sheet: ReviewSheet }) {
  const [t, { formatDateTime }] = await Promise.all([getTranslations('review.sheet'), getDateFormat()]);
  const { secrecy } = sheet;
  const leader = secrecy.unitApproval?.name ?? secrecy.leaderName;
  return (
    <article className="review-sheet mx-auto w-full max-w-[210mm] border border-line bg-white px-4 py-6 text-[13px] leading-relaxed text-ink-900 shadow-sm sm:px-[14mm] sm:py-[12mm] sm:text-[10.5pt] print:max-w-none print:border-0 print:p-0 print:shadow-none" data-testid="review-sheet">
      <header className="grid grid-cols-[1fr_auto] items-start gap-3 sm:grid-cols-[7rem_1fr_7rem]">
        <div aria-hidden className="hidden sm:block" />
        <div className="text-center">
          <p className="text-[1.05em] tracking-wide" data-testid="sheet-site">
            {sheet.siteName}
          </p>
          <h1 className="review-sheet-title mt-1 text-[1.9em] font-bold sm:text-[20pt]">{t('title')}</h1>
        </div>
        <figure className="w-20 justify-self-end text-center sm:w-28">
          <div className="[&>div]:size-20 sm:[&>div]:size-28">
            <QrCode url={sheet.reviewUrl} label={t('qrAlt')} />
          </div>
          <figcaption className="mt-0.5 text-[0.75em] leading-tight text-ink-700">{t('qrCaption')}</figcaption>
        </figure>
      </header>

      <p className="mt-3 mb-1.5 flex flex-wrap justify-between gap-x-4 text-[0.95em]">
        <span>
          {t('labelled', { label: t('receiptNo') })}
          <span className="font-semibold tabular-nums" data-testid="sheet-receipt-no">
            {sheet.receiptNo ?? '—'}
          </span>
        </span>
        <span className="tabular-nums">
          {t('labelled', { label: t('printedAt') })}
          {formatDateTime(new Date())}
        </span>
      </p>

      <table className="w-full table-fixed border-collapse border-[1.5px] border-ink-900">
        <colgroup>
          <col className="w-[21%] sm:w-[17%]" />
          <col className="w-[29%] sm:w-[33%]" />
          <col className="w-[21%] sm:w-[17%]" />
          <col className="w-[29%] sm:w-[33%]" />
        </colgroup>
        <tbody>
          <WideRow label={t('storyTitle')}>
            <span className="text-[1.1em] font-semibold" data-testid="sheet-title">
              {sheet.title}
            </span>
            {sheet.subtitle && <span className="block text-[0.9em] text-ink-700">{sheet.subtitle}</span>}
          </WideRow>
          <PairRow
            pairs={[
              { label: t('column'), value: sheet.columnName ?? '', testId: 'sheet-column' },
              { label: t('unit'), value: sheet.unitName ?? '', testId: 'sheet-unit' },
            ]}
          />
          <PairRow
            pairs={[
              { label: t('byline'), value: sheet.byline, testId: 'sheet-byline' },
              { label: t('correspondent'), value: sheet.ownerName, testId: 'sheet-correspondent' },
            ]}
          />
          <PairRow
            pairs={[
              { label: t('characters'), value: sheet.characters, testId: 'sheet-characters', numeric: true },
              { label: t('images'), value: sheet.images, testId: 'sheet-images', numeric: true },
            ]}
          />
          <PairRow
            pairs={[
              {
                label: t('originLabel'),
                value: (
                  <>
                    <span className="mr-4 whitespace-nowrap">
                      <Tick checked={sheet.origin === 'original'} t={t} />
                      {t('origin.original')}
                    </span>
                    <span className="whitespace-nowrap">
                      <Tick checked={sheet.origin === 'reprint'} t={t} />
                      {t('origin.reprint')}
                    </span>
                  </>
                ),
                testId: 'sheet-origin',
              },
              { label: t('source'), value: sheet.source, testId: 'sheet-source' },
            ]}
          />
          <WideRow label={t('secrecy')} testId="sheet-secrecy">
            <p>
              <Tick checked={secrecy.confirmedAt !== null} t={t} />
              {t('secrecyConfirmed')}
            </p>
            <p className="mt-1.5 flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
              <span>
                {t('labelled', { label: t('leader') })}
                <span className="font-semibold" data-testid="sheet-leader">
                  {leader || <Blank />}
                </span>
                {secrecy.unitApproval ? (
                  <span className="ml-2 text-[0.9em] text-ink-700">{t('unitApproval', { time: formatDateTime(secrecy.unitApproval.at) })}</span>
                ) : secrecy.recordedBy ? (
                  <span className="ml-2 text-[0.9em] text-ink-700" data-testid="sheet-leader-recorded">
                    {t('leaderRecorded', { name: secrecy.recordedBy.name })}
                  </span>
                ) : null}
              </span>
              <span className="text-[0.9em] text-ink-700">{secrecy.confirmedAt ? t('secrecyConfirmedAt', { time: formatDateTime(secrecy.confirmedAt) }) : t('secrecyNotConfirmed')}</span>
            </p>
            {!secrecy.unitApproval && secrecy.recordedBy?.note && (
              <p className="mt-1 text-[0.9em] whitespace-pre-wrap text-ink-700" data-testid="sheet-leader-note">
                {t('leaderNote', { note: secrecy.recordedBy.note })}
              </p>
            )}
          </WideRow>
          {sheet.stages.length === 0 ? (
            <StageRow label={t('review')} decisions={[]} t={t} formatDateTime={formatDateTime} testId="sheet-stage" />
          ) : (
            sheet.stages.map((stage) => <StageRow key={stage.index} label={stageLabel(stage, t)} decisions={stage.decisions} t={t} formatDateTime={formatDateTime} testId="sheet-stage" />)
          )}
          {sheet.earlier.length > 0 && (
            <WideRow label={t('earlier')}>
              <ol className="space-y-1">
                {sheet.earlier.map((d) => (
                  <Opinion key={d.id} decision={d} t={t} formatDateTime={formatDateTime} attributed stageName={d.stageName} />
                ))}
              </ol>
            </WideRow>
          )}
          <PairRow
            pairs={[
              {
                label: t('signer'),
                value: sheet.signer ? (sheet.signer.recordedBy ? t('recordedFor', { name: sheet.signer.name, recorder: sheet.signer.recordedBy }) : sheet.signer.name) : '',
                testId: 'sheet-signer',
              },
              {
                label: t('publishedAt'),
                value: sheet.publishedAt ? formatDateTime(sheet.publishedAt) : sheet.publishAt ? t('scheduledFor', { time: formatDateTime(sheet.publishAt) }) : '',
                testId: 'sheet-published-at',
                numeric: true,
              },
            ]}
          />
          {sheet.wordOverrides.length > 0 && (
            <WideRow label={t('words.override')} testId="sheet-word-override">
              <ol className="space-y-1">
                {sheet.wordOverrides.map((o) => (
                  <li key={o.at.toISOString()} className="break-words">
                    {t('words.overrideLine', { name: o.name, time: formatDateTime(o.at), words: o.words.map((w) => `“${w}”`).join('、'), reason: o.reason })}
                  </li>
                ))}
              </ol>
            </WideRow>
          )}
          <WideRow label={t('url')} testId="sheet-url" className="break-all">
            {sheet.publicUrl ?? ''}
          </WideRow>
        </tbody>
      </table>

      <footer className="mt-2 flex flex-wrap justify-between gap-x-4 text-[0.8em] text-ink-700">
        <span>{sheet.flowName ? `${t('labelled', { label: t('flow') })}${sheet.flowName}` : ''}</span>
        <span>{t('footer', { site: sheet.siteName })}</span>
      </footer>
    </article>
  );
}
