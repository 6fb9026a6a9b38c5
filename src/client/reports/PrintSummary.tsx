import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReport } from '../../shared/reports/reports.schema';
import { formatDate, formatDateTime, formatNumber, formatPercent } from './format';

/** Object, audit dates and people, object info, totals and the scores by zone and criterion group. */
export function PrintSummary({ report }: { report: AuditReport }) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const dates: Array<[string, string | null, 'date' | 'datetime']> = [
    ['plannedDate', report.dates.plannedDate, 'date'],
    ['createdAt', report.dates.createdAt, 'datetime'],
    ['startedAt', report.dates.startedAt, 'datetime'],
    ['finishedAt', report.dates.finishedAt, 'datetime'],
    ['submittedAt', report.dates.submittedAt, 'datetime'],
    ['reviewedAt', report.dates.reviewedAt, 'datetime'],
  ];
  return (
    <>
      <div className="pr-grid">
        <section>
          <h2>{t('print.object')}</h2>
          <dl className="pr-dl">
            <dt>{t('print.address')}</dt>
            <dd>{report.address}</dd>
            {report.elevator.entrance && (
              <>
                <dt>{t('print.entrance')}</dt>
                <dd>{report.elevator.entrance}</dd>
              </>
            )}
            {report.elevator.identifier && (
              <>
                <dt>{t('print.identifier')}</dt>
                <dd>{report.elevator.identifier}</dd>
              </>
            )}
            {report.elevator.capacityKg !== null && (
              <>
                <dt>{t('print.capacity')}</dt>
                <dd>{t('print.capacityValue', { value: report.elevator.capacityKg })}</dd>
              </>
            )}
            {report.objectInfo.map((f) => (
              <Fragment key={f.code}>
                <dt>{f.label}</dt>
                <dd>{f.value || '—'}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
        <section>
          <h2>{t('print.audit')}</h2>
          <dl className="pr-dl">
            <dt>{t('print.status')}</dt>
            <dd>{t(`audits:status.${report.status}`)}</dd>
            <dt>{t('print.auditor')}</dt>
            <dd>{report.auditor}</dd>
            {report.reviewedBy && (
              <>
                <dt>{t('print.reviewedBy')}</dt>
                <dd>{report.reviewedBy}</dd>
              </>
            )}
            <dt>{t('print.checklistVersion')}</dt>
            <dd>{report.checklistVersionNumber}</dd>
            {dates
              .filter(([, value]) => value)
              .map(([key, value, kind]) => (
                <Fragment key={key}>
                  <dt>{t(`print.${key}`)}</dt>
                  <dd>{kind === 'date' ? formatDate(value, lang) : formatDateTime(value, lang)}</dd>
                </Fragment>
              ))}
          </dl>
        </section>
      </div>

      <h2>{t('print.totals')}</h2>
      <div className="pr-total" data-testid="print-total">
        <span>
          {t('print.score')}: <strong>{formatPercent(report.totals.percentage, lang)}</strong>
        </span>
        <span>
          {t('print.scoreValue', {
            total: formatNumber(report.totals.total, lang),
            max: formatNumber(report.totals.max, lang),
          })}
        </span>
        <span>{t('print.answered', report.totals)}</span>
        <span>{t('print.comments', { count: report.commentCount })}</span>
        <span>{t('print.photos', { count: report.photoCount })}</span>
      </div>

      <div className="pr-grid">
        <ScoreTable
          title={t('print.byCategory')}
          head={t('print.zone')}
          rows={report.byCategory.map((c) => ({ key: String(c.categoryId), label: c.name, ...c }))}
        />
        <ScoreTable
          title={t('print.byGroup')}
          head={t('print.group')}
          rows={report.byGroup.map((g) => ({
            key: g.group ?? '',
            label: g.group ?? t('print.noGroup'),
            ...g,
          }))}
        />
      </div>

      <section className="pr-defects">
        <h3>{t('print.criticalDefects')}</h3>
        {report.criticalDefects.length === 0 ? (
          <p className="pr-muted">{t('print.noCriticalDefects')}</p>
        ) : (
          <ul>
            {report.criticalDefects.map((d) => (
              <li key={d.questionId} className="pr-reduced">
                {d.code} {d.text} <span className="pr-muted">({d.categoryName})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {report.adminNotes && (
        <section>
          <h3>{t('print.adminNotes')}</h3>
          <p className="pr-comment">{report.adminNotes}</p>
        </section>
      )}
    </>
  );
}

function ScoreTable({
  title,
  head,
  rows,
}: {
  title: string;
  head: string;
  rows: Array<{ key: string; label: string; total: number; max: number; percentage: number | null }>;
}) {
  const { t, i18n } = useTranslation('reports');
  return (
    <section>
      <h3>{title}</h3>
      <table className="pr-table">
        <thead>
          <tr>
            <th>{head}</th>
            <th className="pr-num">{t('print.points')}</th>
            <th className="pr-num">{t('print.max')}</th>
            <th className="pr-num">{t('print.percent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="pr-num">{formatNumber(r.total, i18n.language)}</td>
              <td className="pr-num">{formatNumber(r.max, i18n.language)}</td>
              <td className="pr-num">{formatPercent(r.percentage, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
