import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AuditDetail } from '../../../shared/audits/audits.schema';
import { errorMessage } from '../../api/error-message';
import { AnswersView } from '../../auditor/audits/AnswersView';
import { AuditFillForm } from '../../auditor/audits/AuditFillForm';
import { AuditStatusBadge } from '../../auditor/audits/AuditStatusBadge';
import { AuditSummary } from '../../auditor/audits/AuditSummary';
import { auditAddress, elevatorLabel, formatDate, formatDateTime } from '../../auditor/audits/format';
import { useAudit, useReviewAudit } from '../../auditor/audits/useAudits';
import { ExportMenu } from '../../reports/ExportMenu';
import { auditExportUrl } from '../../reports/export-links';
import { PrintButton } from '../../reports/PrintButton';
import { ErrorState } from '../../ui/ErrorState';
import { MetadataForm } from './MetadataForm';

function ObjectInfoTable({ audit }: { audit: AuditDetail }) {
  const { t } = useTranslation('audits');
  const fields = [...audit.checklistVersion.snapshot.objectInfoFields].sort(
    (a, b) => a.position - b.position,
  );
  const show = (v: unknown) =>
    v === true ? t('fill.yes') : v === false ? t('fill.no') : v == null ? '—' : String(v);
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="xs">
        {t('fill.objectInfo')}
      </Title>
      <Table>
        <Table.Tbody>
          {fields.map((f) => (
            <Table.Tr key={f.code}>
              <Table.Td c="dimmed">{f.label}</Table.Td>
              <Table.Td>{show(audit.objectInfo[f.code])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Admin card of one audit: object info, scores, answers with photos, metadata, review. */
export function AuditCardPage() {
  const { uuid = '' } = useParams();
  const { t, i18n } = useTranslation('audits');
  const query = useAudit(uuid);
  const review = useReviewAudit(uuid);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  const audit = query.data;
  const lang = i18n.language;

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/admin/audits" size="sm">
        ← {t('admin.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Title order={2}>{auditAddress(audit)}</Title>
          <Text size="sm" c="dimmed">
            {elevatorLabel(audit)} · {audit.auditor.fullName} ·{' '}
            {t('fill.version', { number: audit.checklistVersionNumber })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('summary.started')}: {formatDateTime(audit.startedAt, lang)} · {t('summary.finished')}:{' '}
            {formatDateTime(audit.finishedAt, lang)}
            {audit.plannedDate
              ? ` · ${t('list.planned', { date: formatDate(audit.plannedDate, lang) })}`
              : ''}
          </Text>
          {audit.reviewedAt && (
            <Text size="xs" c="dimmed">
              {t('admin.reviewedBy', {
                name: audit.reviewedBy?.fullName ?? '',
                date: formatDateTime(audit.reviewedAt, lang),
              })}
            </Text>
          )}
        </Stack>
        <Stack align="flex-end" gap="xs">
          <AuditStatusBadge status={audit.status} isNew={audit.isNew} />
          <Group gap="xs">
            <PrintButton uuid={audit.uuid} />
            <ExportMenu hrefFor={(format) => auditExportUrl(audit.uuid, format)} />
          </Group>
          {audit.permissions.canReview && (
            <Button
              leftSection={<IconEye size={16} />}
              loading={review.isPending}
              onClick={() =>
                review.mutate(undefined, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('admin.reviewedDone') }),
                })
              }
            >
              {t('admin.markReviewed')}
            </Button>
          )}
        </Stack>
      </Group>
      {review.isError && <Alert color="red">{errorMessage(review.error)}</Alert>}
      {audit.permissions.canAnswer ? (
        // The admin's own audit (created here), still being filled in.
        <AuditFillForm key={audit.uuid} audit={audit} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ObjectInfoTable audit={audit} />
            <MetadataForm key={audit.updatedAt} audit={audit} />
          </SimpleGrid>
          <AuditSummary audit={audit} />
          <AnswersView audit={audit} />
        </>
      )}
    </Stack>
  );
}
