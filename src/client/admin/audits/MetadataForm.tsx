import { Alert, Button, Card, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUpdateAudit, AuditDetail } from '../../../shared/audits/audits.schema';
import { errorMessage } from '../../api/error-message';
import { auditAddress } from '../../auditor/audits/format';
import { useUpdateAuditMetadata } from '../../auditor/audits/useAudits';
import { useElevators } from '../../auditor/catalog/useCatalog';

/** Admin metadata: planned date, notes, elevator correction. Answers are never editable here. */
export function MetadataForm({ audit }: { audit: AuditDetail }) {
  const { t } = useTranslation('audits');
  const update = useUpdateAuditMetadata(audit.uuid);
  const [plannedDate, setPlannedDate] = useState(audit.plannedDate ?? '');
  const [notes, setNotes] = useState(audit.adminNotes ?? '');
  const [elevatorId, setElevatorId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const elevators = useElevators(
    { q: debounced, reviewStatus: null, city: null, page: 1, pageSize: 20 },
    debounced.trim().length >= 2,
  );
  const options = (elevators.data?.items ?? []).map((e) => ({
    value: String(e.id),
    label: `${e.address}, ${e.label}`,
  }));

  const handleSave = () => {
    const changes: AdminUpdateAudit = {};
    if ((plannedDate || null) !== audit.plannedDate) changes.plannedDate = plannedDate || null;
    if ((notes.trim() || null) !== audit.adminNotes) changes.adminNotes = notes.trim() || null;
    if (elevatorId && Number(elevatorId) !== audit.elevator.id) changes.elevatorId = Number(elevatorId);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: () => {
        setElevatorId(null);
        notifications.show({ color: 'teal', message: t('admin.metadataSaved') });
      },
    });
  };

  return (
    <Card withBorder radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('admin.metadata')}</Title>
        <TextInput
          type="date"
          label={t('admin.plannedDate')}
          value={plannedDate}
          onChange={(e) => setPlannedDate(e.currentTarget.value)}
          maw={240}
        />
        <Textarea
          label={t('admin.adminNotes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <Select
          label={t('admin.elevatorCorrection')}
          placeholder={auditAddress(audit)}
          description={t('admin.elevatorSearch')}
          searchable
          clearable
          searchValue={query}
          onSearchChange={setQuery}
          data={options}
          value={elevatorId}
          onChange={setElevatorId}
          filter={({ options: o }) => o}
          nothingFoundMessage={debounced.trim().length >= 2 ? t('common:nothingFound') : undefined}
        />
        {update.isError && <Alert color="red">{errorMessage(update.error)}</Alert>}
        <Button onClick={handleSave} loading={update.isPending} w="fit-content">
          {t('admin.saveMetadata')}
        </Button>
      </Stack>
    </Card>
  );
}
