import { Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../../reports/ExportMenu';
import { auditListExportUrl } from '../../reports/export-links';
import { ErrorState } from '../../ui/ErrorState';
import { StaleElevators } from './StaleElevators';
import { StatCards } from './StatCards';
import { useDashboard } from './useDashboard';

// recharts is heavy: its own chunk, fetched when the dashboard renders charts.
const DashboardCharts = lazy(async () => ({ default: (await import('./DashboardCharts')).DashboardCharts }));

const PERIODS = [6, 12, 24];

/** The admin home: figures that need action, charts, and elevators overdue for an audit. */
export function DashboardPage() {
  const { t } = useTranslation('reports');
  const [months, setMonths] = useState(12);
  const [staleMonths, setStaleMonths] = useState(12);
  const { data, error, refetch, isLoading } = useDashboard({ months, staleMonths });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('dashboard.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('dashboard.intro')}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <SegmentedControl
            aria-label={t('dashboard.period')}
            value={String(months)}
            onChange={(v) => setMonths(Number(v))}
            data={PERIODS.map((p) => ({
              value: String(p),
              label: t('dashboard.periodMonths', { count: p }),
            }))}
          />
          <ExportMenu label={t('dashboard.exportAll')} hrefFor={(format) => auditListExportUrl(format)} />
        </Group>
      </Group>
      {error && !data && <ErrorState error={error} onRetry={refetch} />}
      {isLoading && <Skeleton height={160} />}
      {data && (
        <>
          <StatCards data={data} />
          <Suspense fallback={<Skeleton height={300} />}>
            <DashboardCharts data={data} />
          </Suspense>
          <StaleElevators stale={data.staleElevators} months={staleMonths} onMonthsChange={setStaleMonths} />
        </>
      )}
    </Stack>
  );
}
