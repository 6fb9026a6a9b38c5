import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails, errorMessage } from '../../api/error-message';
import { fileToBase64, useApplySpreadsheet, usePreviewSpreadsheet } from './useChecklist';

/** Customer spreadsheet → preview (zones, questions, options, problems per row, block names) → draft. */
export function SpreadsheetImport() {
  const { t } = useTranslation('checklists');
  const preview = usePreviewSpreadsheet();
  const apply = useApplySpreadsheet();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [replace, setReplace] = useState(false);
  const data = preview.data;
  const missing = data?.unnamedBlocks.some((i) => !names[String(i)]?.trim()) ?? true;
  const nameErrors = Object.fromEntries(errorDetails(apply.error).map((d) => [d.path, d.message]));

  const handleFile = async (f: File | null) => {
    preview.reset();
    apply.reset();
    setNames({});
    setFile(f ? { fileName: f.name, contentBase64: await fileToBase64(f) } : null);
  };

  const handleApply = () => {
    if (!file) return;
    apply.mutate({ ...file, blockNames: names, replace });
  };

  const failure = preview.error ?? (apply.error && !Object.keys(nameErrors).length ? apply.error : null);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3}>{t('spreadsheet.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('spreadsheet.text')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label={t('transfer.file')}
            placeholder={t('spreadsheet.filePlaceholder')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={16} />}
            onChange={(f) => void handleFile(f)}
            clearable
            style={{ flex: '1 1 260px' }}
            data-testid="spreadsheet-file"
          />
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={preview.isPending}
            onClick={() => file && preview.mutate(file)}
          >
            {t('spreadsheet.preview')}
          </Button>
        </Group>
        {failure ? (
          <Alert color="red" role="alert">
            {errorMessage(failure)}
          </Alert>
        ) : null}
        {apply.data && (
          <Alert color="teal" role="status">
            {t('transfer.imported', apply.data)}
          </Alert>
        )}
        {data && !apply.data && (
          <Stack gap="sm" data-testid="spreadsheet-preview">
            <Text size="sm" fw={500}>
              {t('spreadsheet.summary', data.summary)}
            </Text>
            {data.summary.errors > 0 && <Alert color="orange">{t('spreadsheet.errorsSkipped')}</Alert>}
            {data.blocks.map((block) => (
              <Paper key={block.index} withBorder p="sm">
                {block.name ? (
                  <Text fw={600}>{block.name}</Text>
                ) : (
                  <TextInput
                    label={t('spreadsheet.blockName', { row: block.row })}
                    placeholder={t('spreadsheet.unnamed')}
                    required
                    value={names[String(block.index)] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setNames((n) => ({ ...n, [String(block.index)]: value }));
                    }}
                    error={nameErrors[`blockNames.${block.index}`]}
                  />
                )}
                <Stack gap={4} mt="xs">
                  {block.questions.map((q) => (
                    <Text key={q.row} size="sm">
                      <Text span c="dimmed" size="xs" mr={6}>
                        {q.row}
                      </Text>
                      {q.number !== null && `${q.number}. `}
                      {q.text}{' '}
                      {q.criterionGroup && (
                        <Badge size="xs" variant="outline" color="gray">
                          {q.criterionGroup}
                        </Badge>
                      )}{' '}
                      <Badge size="xs" variant="light">
                        {q.type === 'score' ? `0–${q.maxScore}` : t(`question.types.${q.type}`)}
                      </Badge>
                      {q.options.length > 0 && (
                        <Text span size="xs" c="dimmed" display="block">
                          {q.options.map((o) => `${o.score} — ${o.description}`).join(' · ')}
                        </Text>
                      )}
                    </Text>
                  ))}
                </Stack>
              </Paper>
            ))}
            {data.problems.length > 0 && (
              <Table.ScrollContainer minWidth={520}>
                <Table striped data-testid="spreadsheet-problems">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('spreadsheet.row')}</Table.Th>
                      <Table.Th>{t('spreadsheet.column')}</Table.Th>
                      <Table.Th>{t('spreadsheet.problem')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.problems.map((p, i) => (
                      // Several problems may share a row and column.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <Table.Tr key={i} data-severity={p.severity}>
                        <Table.Td>{p.row}</Table.Td>
                        <Table.Td>{p.column ?? ''}</Table.Td>
                        <Table.Td>
                          <Badge size="xs" color={p.severity === 'error' ? 'red' : 'orange'} mr={6}>
                            {t(`spreadsheet.severity.${p.severity}`)}
                          </Badge>
                          {p.message}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Checkbox
              label={t('transfer.replace')}
              checked={replace}
              onChange={(e) => setReplace(e.currentTarget.checked)}
            />
            <Button
              color="teal"
              w="fit-content"
              leftSection={<IconCheck size={16} />}
              disabled={missing || data.blocks.length === 0}
              loading={apply.isPending}
              onClick={handleApply}
            >
              {t('spreadsheet.apply')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
