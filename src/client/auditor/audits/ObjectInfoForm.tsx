import {
  Card,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectInfo, ObjectInfoValue } from '../../../shared/audits/object-info';
import type { ObjectInfoField } from '../../../shared/checklists/snapshot.schema';
import { errorMessage } from '../../api/error-message';
import { usePatchObjectInfo } from '../../sync/useLocalAudits';

interface Props {
  auditUuid: string;
  fields: ObjectInfoField[];
  values: ObjectInfo;
  missing: Set<string>;
}

/** Object information of the pinned checklist version; each field saves on change or on leaving it. */
export function ObjectInfoForm({ auditUuid, fields, values, missing }: Props) {
  const { t } = useTranslation('audits');
  const patch = usePatchObjectInfo(auditUuid);
  const [draft, setDraft] = useState<ObjectInfo>(values);
  const saveField = (code: string, value: ObjectInfoValue) => {
    if ((values[code] ?? null) === value) return;
    patch.mutate({ [code]: value });
  };
  const set = (code: string, value: ObjectInfoValue, saveNow = false) => {
    setDraft((d) => ({ ...d, [code]: value }));
    if (saveNow) saveField(code, value);
  };
  const sorted = [...fields].sort((a, b) => a.position - b.position);

  return (
    <Card withBorder radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('fill.objectInfo')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {sorted.map((f) => {
            const value = draft[f.code] ?? null;
            const common = {
              label: f.label,
              withAsterisk: f.isRequired,
              error: missing.has(f.code) ? ' ' : undefined,
            };
            return (
              <div key={f.code} id={`field-${f.code}`}>
                {f.fieldType === 'number' ? (
                  <NumberInput
                    {...common}
                    value={typeof value === 'number' ? value : ''}
                    onChange={(v) => set(f.code, typeof v === 'number' ? v : null)}
                    onBlur={() => saveField(f.code, draft[f.code] ?? null)}
                  />
                ) : f.fieldType === 'select' ? (
                  <Select
                    {...common}
                    data={f.choices}
                    clearable
                    value={typeof value === 'string' && value ? value : null}
                    onChange={(v) => set(f.code, v, true)}
                  />
                ) : f.fieldType === 'boolean' ? (
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {f.label}
                    </Text>
                    <SegmentedControl
                      value={value === true ? 'yes' : value === false ? 'no' : ''}
                      onChange={(v) => set(f.code, v === 'yes', true)}
                      data={[
                        { value: 'yes', label: t('fill.yes') },
                        { value: 'no', label: t('fill.no') },
                      ]}
                    />
                  </Stack>
                ) : (
                  <TextInput
                    {...common}
                    type={f.fieldType === 'date' ? 'date' : 'text'}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(e) => set(f.code, e.currentTarget.value, f.fieldType === 'date')}
                    onBlur={() => saveField(f.code, draft[f.code] ?? null)}
                  />
                )}
              </div>
            );
          })}
        </SimpleGrid>
        {patch.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(patch.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
