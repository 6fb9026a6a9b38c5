import { Card, Group, NumberInput, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../shared/reports/reports.schema';
import { formatDate } from '../../reports/format';

/** Approved elevators without a submitted audit for N months (N is a server parameter). */
export function StaleElevators({
  stale,
  months,
  onMonthsChange,
}: {
  stale: Dashboard['staleElevators'];
  months: number;
  onMonthsChange: (months: number) => void;
}) {
  const { t, i18n } = useTranslation('reports');
  return (
    <Card withBorder radius="md" padding="md" data-testid="stale-elevators">
      <Group justify="space-between" align="flex-end" mb="sm">
        <div>
          <Title order={4}>{t('dashboard.staleElevators')}</Title>
          <Text size="sm" c="dimmed">
            {t('dashboard.staleTotal', { count: stale.total })}
            {stale.total > stale.items.length
              ? ` · ${t('dashboard.staleShown', { count: stale.items.length })}`
              : ''}
          </Text>
        </div>
        <NumberInput
          label={t('dashboard.staleMonths')}
          value={months}
          min={1}
          max={60}
          w={200}
          clampBehavior="strict"
          allowDecimal={false}
          onChange={(v) => {
            const n = typeof v === 'number' ? v : Number(v);
            if (Number.isInteger(n) && n >= 1 && n <= 60) onMonthsChange(n);
          }}
        />
      </Group>
      {stale.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.staleEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('print.address')}</Table.Th>
                <Table.Th>{t('print.entrance')}</Table.Th>
                <Table.Th>{t('print.identifier')}</Table.Th>
                <Table.Th>{t('dashboard.lastAudit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stale.items.map((e) => (
                <Table.Tr key={e.elevatorId}>
                  <Table.Td>{e.address}</Table.Td>
                  <Table.Td>{e.entrance ?? '—'}</Table.Td>
                  <Table.Td>{e.identifier ?? '—'}</Table.Td>
                  <Table.Td>
                    {e.lastAuditAt ? (
                      formatDate(e.lastAuditAt, i18n.language)
                    ) : (
                      <Text span c="red" size="sm">
                        {t('dashboard.never')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
