import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReport, ReportQuestion } from '../../shared/reports/reports.schema';
import { formatNumber, formatPercent } from './format';

type Photo = AuditReport['otherPhotos'][number];

/** One thumbnail; words instead of a broken-image icon when the server cannot show the photo. */
function PrintPhoto({ photo, code }: { photo: Photo; code: string }) {
  const { t } = useTranslation('reports');
  const [isUnavailable, setIsUnavailable] = useState(false);
  if (isUnavailable) {
    return (
      <span className="pr-photo-unavailable" data-testid="photo-unavailable">
        {t('print.photoUnavailable')}
      </span>
    );
  }
  return (
    <img
      src={photo.thumbUrl}
      alt={photo.caption ?? t('print.photoAlt', { code })}
      loading="eager"
      onError={() => setIsUnavailable(true)}
    />
  );
}

function Photos({ photos, code }: { photos: Photo[]; code: string }) {
  if (photos.length === 0) return null;
  return (
    <div className="pr-photos">
      {photos.map((p) => (
        <PrintPhoto key={p.uuid} photo={p} code={code} />
      ))}
    </div>
  );
}

function QuestionRow({ q }: { q: ReportQuestion }) {
  const { t, i18n } = useTranslation('reports');
  return (
    <tr data-testid={`print-question-${q.id}`}>
      <td className="pr-code">{q.code}</td>
      <td>
        {q.text}
        {q.isCritical && <span className="pr-tag pr-tag-critical">{t('print.critical')}</span>}
        {q.isFlagged && <span className="pr-tag">{t('print.flagged')}</span>}
        {q.comment && <div className="pr-comment">{q.comment}</div>}
        <Photos photos={q.photos} code={q.code} />
      </td>
      <td className={q.isReduced ? 'pr-reduced' : undefined}>
        {q.isAnswered ? q.answer : <span className="pr-muted">{t('print.notAnswered')}</span>}
      </td>
      <td className="pr-num">
        {q.max === null
          ? ''
          : `${formatNumber(q.points ?? 0, i18n.language)} / ${formatNumber(q.max, i18n.language)}`}
      </td>
    </tr>
  );
}

/** Every answer grouped by zone and section, with comments and photo thumbnails. */
export function PrintAnswers({ report }: { report: AuditReport }) {
  const { t, i18n } = useTranslation('reports');
  return (
    <section>
      <h2>{t('print.answers')}</h2>
      {report.categories.map((c) => (
        <section key={c.id}>
          <h3>
            {c.name}
            {c.score && (
              <span className="pr-muted">
                {' '}
                — {formatPercent(c.score.percentage, i18n.language)} (
                {t('print.scoreValue', {
                  total: formatNumber(c.score.total, i18n.language),
                  max: formatNumber(c.score.max, i18n.language),
                })}
                )
              </span>
            )}
          </h3>
          {c.sections.map((s) => (
            <div key={s.id}>
              <h4>{s.title}</h4>
              <table className="pr-table">
                <thead>
                  <tr>
                    <th style={{ width: '9%' }}>{t('print.code')}</th>
                    <th>{t('print.question')}</th>
                    <th style={{ width: '24%' }}>{t('print.answer')}</th>
                    <th className="pr-num" style={{ width: '11%' }}>
                      {t('print.points')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.questions.map((q) => (
                    <QuestionRow key={q.id} q={q} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
      {report.otherPhotos.length > 0 && (
        <section>
          <h3>{t('print.otherPhotos')}</h3>
          <Photos photos={report.otherPhotos} code="" />
        </section>
      )}
    </section>
  );
}
