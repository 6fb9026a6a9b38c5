import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Dashboard } from '../../../shared/reports/reports.schema';
import { formatMonth } from '../../reports/format';

// Loaded lazily by DashboardPage: recharts lives in this chunk only, never in the auditor bundle.

const PALETTE = ['#1c5fa8', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];

function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Empty() {
  const { t } = useTranslation('reports');
  return (
    <Text c="dimmed" size="sm" py="xl" ta="center">
      {t('dashboard.noData')}
    </Text>
  );
}

export function DashboardCharts({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const hasAudits = data.auditsPerMonth.some((m) => m.total > 0);

  const perMonth = data.auditsPerMonth.map((m) => {
    const row: Record<string, number | string> = { month: formatMonth(m.month, lang), total: m.total };
    for (const a of m.byAuditor) row[`a${a.auditorId}`] = a.count;
    return row;
  });
  const scores = data.scorePerMonth.map((m) => ({
    month: formatMonth(m.month, lang),
    average: m.averagePercentage,
  }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartCard title={t('dashboard.auditsPerMonth')} testId="chart-audits-per-month">
        {hasAudits ? (
          <ResponsiveContainer width="100%" height={280}>
            <ComposedChart data={perMonth} margin={{ top: 16, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="month" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {data.auditors.map((a, i) => (
                <Bar
                  key={a.id}
                  dataKey={`a${a.id}`}
                  name={a.fullName}
                  stackId="auditors"
                  fill={PALETTE[i % PALETTE.length]}
                  isAnimationActive={false}
                />
              ))}
              <Line
                type="monotone"
                dataKey="total"
                name={t('dashboard.total')}
                stroke="#212529"
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        ) : (
          <Empty />
        )}
      </ChartCard>

      <ChartCard title={t('dashboard.scorePerMonth')} testId="chart-score-per-month">
        {hasAudits ? (
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={scores} margin={{ top: 16, right: 16, left: -16, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="month" tick={{ fontSize: 12 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => [`${v} %`, t('dashboard.averageScore')]} />
              <Line
                type="monotone"
                dataKey="average"
                name={t('dashboard.averageScore')}
                stroke="#1c5fa8"
                strokeWidth={2}
                connectNulls
                dot={{ r: 4 }}
                isAnimationActive={false}
              >
                <LabelList dataKey="average" position="top" fontSize={11} />
              </Line>
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <Empty />
        )}
      </ChartCard>

      <ChartCard title={t('dashboard.weakestCategories')} testId="chart-weakest-categories">
        {data.weakestCategories.length ? (
          <ResponsiveContainer width="100%" height={Math.max(160, data.weakestCategories.length * 40 + 40)}>
            <BarChart
              data={data.weakestCategories}
              layout="vertical"
              margin={{ top: 0, right: 40, left: 8, bottom: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => [`${v} %`, t('dashboard.averageScore')]} />
              <Bar dataKey="percentage" fill="#e8590c" isAnimationActive={false}>
                <LabelList dataKey="percentage" position="right" fontSize={12} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <Empty />
        )}
      </ChartCard>
    </SimpleGrid>
  );
}
