import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuildingCommunity,
  IconClipboardCheck,
  IconListNumbers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AUDIT_STATUSES } from '../../../shared/audits/audits.schema';
import type { Dashboard } from '../../../shared/reports/reports.schema';
import { formatDateTime, formatPercent } from '../../reports/format';

function StatCard({
  title,
  icon,
  value,
  children,
  testId,
}: {
  title: string;
  icon: ReactNode;
  value: ReactNode;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" fw={600}>
          {title}
        </Text>
        {icon}
      </Group>
      <Text fz={30} fw={700} lh={1.2} mt={4}>
        {value}
      </Text>
      {children}
    </Card>
  );
}

/** The figures that call for action: review queue, moderation queue, sync failures, and statuses. */
export function StatCards({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const pending = data.pendingCatalog.buildings + data.pendingCatalog.elevators;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
      <StatCard
        testId="stat-awaiting-review"
        title={t('dashboard.awaitingReview')}
        icon={<IconClipboardCheck size={22} stroke={1.6} />}
        value={data.awaitingReview.count}
      >
        <Stack gap={2} mt="xs">
          {data.awaitingReview.latest.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('dashboard.awaitingReviewEmpty')}
            </Text>
          )}
          {data.awaitingReview.latest.map((a) => (
            <Anchor key={a.uuid} component={Link} to={`/admin/audits/${a.uuid}`} size="xs" lineClamp={1}>
              {a.address} · {a.auditorName} · {formatPercent(a.percentage, lang)}
            </Anchor>
          ))}
        </Stack>
      </StatCard>
      <StatCard
        testId="stat-pending-catalog"
        title={t('dashboard.pendingCatalog')}
        icon={<IconBuildingCommunity size={22} stroke={1.6} />}
        value={pending}
      >
        <Text size="xs" c="dimmed">
          {t('dashboard.pendingCatalogValue', data.pendingCatalog)}
        </Text>
        {pending > 0 && (
          <Anchor component={Link} to="/admin/catalog/moderation" size="xs">
            {t('dashboard.openModeration')}
          </Anchor>
        )}
      </StatCard>
      <StatCard
        testId="stat-failed-syncs"
        title={t('dashboard.failedSyncs')}
        icon={
          <IconAlertTriangle
            size={22}
            stroke={1.6}
            color={data.failedSyncs.count ? 'var(--mantine-color-red-6)' : undefined}
          />
        }
        value={
          <Text inherit c={data.failedSyncs.count ? 'red' : undefined}>
            {data.failedSyncs.count}
          </Text>
        }
      >
        <Stack gap={2} mt="xs">
          {data.failedSyncs.latest.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('dashboard.failedSyncsEmpty')}
            </Text>
          )}
          {data.failedSyncs.latest.map((f) => (
            <Text key={f.batchId} size="xs" lineClamp={1}>
              {formatDateTime(f.receivedAt, lang)} · {f.auditorName} · {f.deviceId}
            </Text>
          ))}
        </Stack>
      </StatCard>
      <StatCard
        testId="stat-statuses"
        title={t('dashboard.statuses')}
        icon={<IconListNumbers size={22} stroke={1.6} />}
        value={AUDIT_STATUSES.reduce((n, s) => n + data.statusCounts[s], 0)}
      >
        <Group gap={6} mt="xs">
          {AUDIT_STATUSES.map((s) => (
            <Badge
              key={s}
              variant="light"
              color={s === 'submitted' ? 'blue' : s === 'reviewed' ? 'green' : 'gray'}
            >
              {t(`audits:status.${s}`)}: {data.statusCounts[s]}
            </Badge>
          ))}
        </Group>
      </StatCard>
    </SimpleGrid>
  );
}
