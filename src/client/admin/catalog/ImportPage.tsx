import { Alert, Badge, Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAction, ImportPreview } from '../../../shared/catalog/import.schema';
import { errorDetails, errorMessage } from '../../api/error-message';
import { CatalogTabs } from './CatalogTabs';
import { ImportLog } from './ImportLog';
import { useApplyImport, usePreviewImport } from './useAdminCatalog';

const ACTION_COLORS: Record<ImportAction, string> = {
  create: 'teal',
  update: 'blue',
  skip: 'gray',
  error: 'red',
};

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation('catalog');
  const fieldName = (f: string) => (f === 'row' ? t('import.row') : t(`fields.${f}`, { defaultValue: f }));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs" data-testid="import-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.row')}</Table.Th>
            <Table.Th>{t('import.action')}</Table.Th>
            <Table.Th>{t('fields.address')}</Table.Th>
            <Table.Th>{t('fields.entrance')}</Table.Th>
            <Table.Th>{t('fields.capacityKg')}</Table.Th>
            <Table.Th>{t('fields.stops')}</Table.Th>
            <Table.Th>{t('fields.identifier')}</Table.Th>
            <Table.Th>{t('import.problems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((r) => (
            <Table.Tr key={r.row} data-row={r.row} data-action={r.action}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>
                <Badge color={ACTION_COLORS[r.action]} variant="light">
                  {t(`import.actions.${r.action}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{[r.city, r.street, r.house].filter(Boolean).join(', ')}</Table.Td>
              <Table.Td>{r.entrance ?? ''}</Table.Td>
              <Table.Td>{r.capacityKg ?? ''}</Table.Td>
              <Table.Td>{r.stops ?? ''}</Table.Td>
              <Table.Td>{r.identifier ?? ''}</Table.Td>
              <Table.Td>
                {r.errors.map((e) => (
                  <Text key={`${e.field}-${e.message}`} size="sm" c="red">
                    {fieldName(e.field)}: {e.message}
                  </Text>
                ))}
                {r.changes.length > 0 && (
                  <Text size="sm" c="blue">
                    {t('import.changes', { list: r.changes.map(fieldName).join(', ') })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Admin catalog import: upload → preview (nothing changes) → apply all rows in one transaction. */
export function ImportPage() {
  const { t } = useTranslation('catalog');
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreviewImport();
  const apply = useApplyImport();
  const data = preview.data;
  const errorRows = data?.rows.filter((r) => r.errors.length > 0).length ?? 0;

  const handleFile = (f: File | null) => {
    setFile(f);
    preview.reset();
    apply.reset();
  };

  const handleApply = () => {
    if (!file) return;
    apply.mutate(file, {
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          message: t('import.applied', {
            create: result.import.createdCount,
            update: result.import.updatedCount,
            skip: result.import.skippedCount,
          }),
        });
        preview.reset();
        setFile(null);
      },
    });
  };

  const failure = preview.error ?? apply.error;
  return (
    <Stack gap="md">
      <CatalogTabs />
      <Title order={2}>{t('import.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('import.intro')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label={t('import.file')}
          placeholder={t('import.filePlaceholder')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={handleFile}
          clearable
          style={{ flex: '1 1 280px' }}
          data-testid="import-file"
        />
        <Button
          leftSection={<IconUpload size={16} />}
          disabled={!file}
          loading={preview.isPending}
          onClick={() => file && preview.mutate(file)}
        >
          {t('import.preview')}
        </Button>
      </Group>
      {failure ? (
        <Alert color="red" role="alert">
          <Text size="sm">{errorMessage(failure)}</Text>
          {errorDetails(failure)
            .slice(0, 20)
            .map((d) => (
              <Text size="sm" key={`${d.path}-${d.code}-${d.message}`}>
                {d.path}: {d.message}
              </Text>
            ))}
        </Alert>
      ) : null}
      {data && (
        <Stack gap="sm">
          <Text size="sm" fw={500} data-testid="import-counts">
            {t('import.counts', data.counts)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('import.columns', { list: data.columns.map((c) => c.header).join(', ') })}
          </Text>
          {errorRows > 0 && <Alert color="orange">{t('import.hasErrors', { count: errorRows })}</Alert>}
          <PreviewTable preview={data} />
          <Button
            leftSection={<IconCheck size={16} />}
            color="teal"
            w="fit-content"
            disabled={errorRows > 0}
            loading={apply.isPending}
            onClick={handleApply}
          >
            {t('import.apply')}
          </Button>
        </Stack>
      )}
      <ImportLog />
    </Stack>
  );
}
