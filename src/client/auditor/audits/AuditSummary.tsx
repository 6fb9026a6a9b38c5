import { Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditDetail } from '../../../shared/audits/audits.schema';

function Stat({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <Card withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** Score, percentage, comments, photos, critical defects; by zone and by criterion group. */
export function AuditSummary({ audit }: { audit: AuditDetail }) {
  const { t } = useTranslation('audits');
  const s = audit.scores;
  const comments = audit.responses.filter((r) => (r.comment ?? '').trim() !== '').length;
  const flagged = audit.responses.filter((r) => r.isFlagged).length;
  const pct = (p: number | null) => (p === null ? '—' : `${p}%`);
  return (
    <Stack gap="md" data-testid="audit-summary">
      <Title order={3}>{t('summary.title')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Stat label={t('summary.score')} value={`${s.total} / ${s.max}`} testId="summary-score" />
        <Stat label={t('summary.percentage')} value={pct(s.percentage)} testId="summary-percentage" />
        <Stat label={t('summary.comments')} value={comments} testId="summary-comments" />
        <Stat label={t('summary.photos')} value={audit.attachments.length} testId="summary-photos" />
        <Stat label={t('summary.flagged')} value={flagged} />
      </SimpleGrid>
      <Card withBorder radius="md">
        <Text fw={600} mb="xs">
          {t('summary.criticalDefects')}
        </Text>
        {s.criticalDefects.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('summary.noCritical')}
          </Text>
        ) : (
          <List size="sm" data-testid="critical-defects">
            {s.criticalDefects.map((d) => (
              <List.Item key={d.questionId}>
                {d.categoryName} — {d.code}. {d.text}: {d.yesNo === false ? t('fill.no') : d.score}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ScoreTable
          title={t('summary.byZone')}
          head={t('summary.zone')}
          rows={s.byCategory.map((c) => ({ ...c, key: String(c.categoryId) }))}
        />
        <ScoreTable
          title={t('summary.byGroup')}
          head={t('summary.group')}
          rows={s.byGroup.map((g) => ({ key: g.group ?? '-', name: g.group ?? t('summary.noGroup'), ...g }))}
        />
      </SimpleGrid>
    </Stack>
  );
}

interface Row {
  key: string;
  name: string;
  total: number;
  max: number;
  percentage: number | null;
}

function ScoreTable({ title, head, rows }: { title: string; head: string; rows: Row[] }) {
  const { t } = useTranslation('audits');
  return (
    <Card withBorder radius="md">
      <Text fw={600} mb="xs">
        {title}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{head}</Table.Th>
            <Table.Th>{t('summary.points')}</Table.Th>
            <Table.Th>%</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                <Group gap={2}>
                  {r.total} / {r.max}
                </Group>
              </Table.Td>
              <Table.Td>{r.percentage === null ? '—' : r.percentage}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
