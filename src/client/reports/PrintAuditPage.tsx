import './print.css';
import { Button, Group, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/request';
import { PageLoader } from '../app/guards';
import { ErrorState } from '../ui/ErrorState';
import { NotFoundPage } from '../ui/NotFoundPage';
import { ExportMenu } from './ExportMenu';
import { auditExportUrl } from './export-links';
import { formatDateTime } from './format';
import { PrintAnswers } from './PrintAnswers';
import { PrintSummary } from './PrintSummary';
import { useAuditReport } from './useAuditReport';

/**
 * The A4 print view of one audit (admins and the audit's own auditor; anyone else gets the
 * server's 404). Outside the app shell so the printout has no navigation; print CSS in print.css.
 */
export function PrintAuditPage() {
  const { uuid = '' } = useParams();
  const { t, i18n } = useTranslation('reports');
  const navigate = useNavigate();
  const { data: report, error, isLoading, refetch } = useAuditReport(uuid);

  useEffect(() => {
    if (!report) return;
    const previous = document.title;
    document.title = `${t('print.title')} — ${report.address}`;
    return () => {
      document.title = previous;
    };
  }, [report, t]);

  if (isLoading) return <PageLoader />;
  if (error) {
    const isMissing = error instanceof ApiError && error.status === 404;
    return isMissing ? <NotFoundPage /> : <ErrorState error={error} onRetry={refetch} />;
  }
  if (!report) return null;

  return (
    <>
      <div className="pr-toolbar">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate(-1)}>
          {t('print.back')}
        </Button>
        <Group gap="xs">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t('print.printHint')}
          </Text>
          <ExportMenu hrefFor={(format) => auditExportUrl(report.uuid, format)} />
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('print.print')}
          </Button>
        </Group>
      </div>
      <article className="pr-page" data-testid="audit-print">
        <h1>{t('print.title')}</h1>
        <p className="pr-subtitle">{report.address}</p>
        <PrintSummary report={report} />
        <PrintAnswers report={report} />
        <p className="pr-footer">
          {t('print.generated', { date: formatDateTime(new Date().toISOString(), i18n.language) })} ·{' '}
          {report.uuid}
        </p>
      </article>
    </>
  );
}
