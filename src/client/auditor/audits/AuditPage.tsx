import { Alert, Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../reports/PrintButton';
import { AuditSyncState } from '../../sync/ui/AuditSyncState';
import { useAudit } from '../../sync/useLocalAudits';
import { ErrorState } from '../../ui/ErrorState';
import { AnswersView } from './AnswersView';
import { AuditFillForm } from './AuditFillForm';
import { AuditStatusBadge } from './AuditStatusBadge';
import { AuditSummary } from './AuditSummary';
import { auditAddress, elevatorLabel, formatDateTime } from './format';

/** One audit for its auditor: the checklist to fill in, or, once submitted, the read-only summary. */
export function AuditPage() {
  const { uuid = '' } = useParams();
  const { t, i18n } = useTranslation('audits');
  const query = useAudit(uuid);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  const audit = query.data;
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/auditor" size="sm">
        ← {t('summary.toList')}
      </Anchor>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{auditAddress(audit)}</Title>
          <Text c="dimmed" size="sm">
            {elevatorLabel(audit)} · {t('fill.version', { number: audit.checklistVersionNumber })}
          </Text>
          <Text c="dimmed" size="xs">
            {t('summary.started')}: {formatDateTime(audit.startedAt, i18n.language)} · {t('summary.finished')}
            : {formatDateTime(audit.finishedAt, i18n.language)}
          </Text>
        </Stack>
        <Group gap="xs">
          <AuditStatusBadge status={audit.status} />
          <AuditSyncState uuid={audit.uuid} compact />
          <PrintButton uuid={audit.uuid} size="xs" />
        </Group>
      </Group>
      <AuditSyncState uuid={audit.uuid} />
      {audit.permissions.canAnswer ? (
        <AuditFillForm key={audit.uuid} audit={audit} />
      ) : (
        <>
          <Alert color="blue">{t('fill.readOnly')}</Alert>
          <AuditSummary audit={audit} />
          <AnswersView audit={audit} />
        </>
      )}
    </Stack>
  );
}
