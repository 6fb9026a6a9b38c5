import { Alert, Anchor, Button, Checkbox, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorDetails, errorMessage } from '../../api/error-message';
import { ChecklistTabs } from './ChecklistTabs';
import { SpreadsheetImport } from './SpreadsheetImport';
import { useImportJson } from './useChecklist';

/** JSON transfer between installations and the customer's spreadsheet import. */
export function TransferPage() {
  const { t } = useTranslation('checklists');
  const importJson = useImportJson();
  const [document, setDocument] = useState<unknown>(null);
  const [badFile, setBadFile] = useState(false);
  const [replace, setReplace] = useState(false);

  const handleFile = async (file: File | null) => {
    importJson.reset();
    setBadFile(false);
    setDocument(null);
    if (!file) return;
    try {
      setDocument(JSON.parse(await file.text()));
    } catch {
      setBadFile(true);
    }
  };

  const handleImport = () => importJson.mutate({ document, replace });

  return (
    <Stack gap="md">
      <ChecklistTabs />
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={3}>{t('transfer.exportTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('transfer.exportText')}
          </Text>
          <Anchor component={Link} to="/admin/checklist/versions" size="sm">
            {t('versions.title')}
          </Anchor>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3}>{t('transfer.importTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('transfer.importText')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput
              label={t('transfer.file')}
              placeholder={t('transfer.jsonPlaceholder')}
              accept=".json,application/json"
              leftSection={<IconFileImport size={16} />}
              onChange={(f) => void handleFile(f)}
              clearable
              error={badFile ? t('transfer.badJson') : undefined}
              style={{ flex: '1 1 260px' }}
              data-testid="json-file"
            />
            <Button disabled={document === null} loading={importJson.isPending} onClick={handleImport}>
              {t('transfer.import')}
            </Button>
          </Group>
          <Checkbox
            label={t('transfer.replace')}
            checked={replace}
            onChange={(e) => setReplace(e.currentTarget.checked)}
          />
          {importJson.data && (
            <Alert color="teal" role="status">
              {t('transfer.imported', importJson.data)}
            </Alert>
          )}
          {importJson.error ? (
            <Alert color="red" role="alert">
              <Text size="sm">{errorMessage(importJson.error)}</Text>
              {errorDetails(importJson.error)
                .slice(0, 10)
                .map((d) => (
                  <Text size="xs" key={d.path + d.message}>
                    {d.path}: {d.message}
                  </Text>
                ))}
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      <SpreadsheetImport />
    </Stack>
  );
}
