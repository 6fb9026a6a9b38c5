import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Modal,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconLoader2 } from '@tabler/icons-react';
import { useIsMutating, useMutationState, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditDetail } from '../../../shared/audits/audits.schema';
import { type CompletenessProblem, checkCompleteness } from '../../../shared/audits/completeness';
import { errorMessage } from '../../api/error-message';
import { ApiError } from '../../api/request';
import {
  auditKey,
  saveMutationKey,
  useDeleteAttachment,
  usePhotoUploads,
  useSubmitAudit,
} from '../../sync/useLocalAudits';
import { answersMap, jumpTo } from './answer-state';
import { ObjectInfoForm } from './ObjectInfoForm';
import { QuestionCard } from './QuestionCard';

function SaveIndicator({ uuid }: { uuid: string }) {
  const { t } = useTranslation('audits');
  const saving = useIsMutating({ mutationKey: saveMutationKey(uuid) }) > 0;
  const statuses = useMutationState({
    filters: { mutationKey: saveMutationKey(uuid) },
    select: (m) => m.state.status,
  });
  const failed = !saving && statuses.at(-1) === 'error';
  return (
    <Group
      gap={4}
      c={saving ? 'dimmed' : failed ? 'red' : 'teal'}
      data-testid="save-state"
      aria-live="polite"
    >
      {saving ? (
        <IconLoader2 size={16} />
      ) : failed ? (
        <IconAlertTriangle size={16} />
      ) : (
        <IconCheck size={16} />
      )}
      <Text size="sm">{saving ? t('fill.saving') : failed ? t('fill.saveFailed') : t('fill.saved')}</Text>
    </Group>
  );
}

function MissingList({ problems }: { problems: CompletenessProblem[] }) {
  const { t } = useTranslation('audits');
  return (
    <Alert color="red" title={t('fill.missingTitle')} data-testid="missing-list">
      <Text size="sm" mb="xs">
        {t('fill.missingText')}
      </Text>
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={`${p.kind}-${p.path}`}>
            <Anchor component="button" type="button" size="sm" ta="left" onClick={() => jumpTo(p.path)}>
              {p.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The checklist being filled in: object info, questions by zone and section, progress, submit. */
export function AuditFillForm({ audit }: { audit: AuditDetail }) {
  const { t } = useTranslation('audits');
  const queryClient = useQueryClient();
  const submit = useSubmitAudit(audit.uuid);
  const photos = usePhotoUploads(audit.uuid);
  const removePhoto = useDeleteAttachment(audit.uuid);
  // After a first submit attempt the list of what is missing stays on screen and shrinks live.
  const [showMissing, setShowMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const s = audit.scores;
  const responses = new Map(audit.responses.map((r) => [r.questionId, r]));
  const problems = showMissing
    ? checkCompleteness(audit.checklistVersion.snapshot, audit.objectInfo, answersMap(audit.responses))
    : [];
  const missingFields = new Set(problems.filter((p) => p.fieldCode).map((p) => p.fieldCode ?? ''));

  const handleSubmitClick = async () => {
    // Let pending autosaves (a comment still being typed) reach the server first.
    await settle();
    while (queryClient.isMutating({ mutationKey: saveMutationKey(audit.uuid) }) > 0) await settle();
    const fresh = queryClient.getQueryData<AuditDetail>(auditKey(audit.uuid)) ?? audit;
    const missing = checkCompleteness(
      fresh.checklistVersion.snapshot,
      fresh.objectInfo,
      answersMap(fresh.responses),
    );
    setShowMissing(true);
    if (missing.length) return;
    setConfirming(true);
  };

  const handleConfirm = () => {
    submit.mutate(undefined, {
      onSettled: () => setConfirming(false),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'audit.incomplete') setShowMissing(true);
      },
      onSuccess: () => window.scrollTo({ top: 0 }),
    });
  };

  return (
    <Stack gap="md">
      <Paper
        withBorder
        p="sm"
        radius="md"
        pos="sticky"
        top={60}
        style={{ zIndex: 5 }}
        data-testid="audit-progress"
      >
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={500}>
            {t('fill.progress', { answered: s.answered, required: s.required })}
          </Text>
          <Text size="sm" data-testid="current-score">
            {t('fill.currentScore', { total: s.total, max: s.max })}
            {s.percentage !== null ? ` (${s.percentage}%)` : ''}
          </Text>
          <SaveIndicator uuid={audit.uuid} />
        </Group>
        <Progress value={s.required ? (s.answered / s.required) * 100 : 100} size="sm" mt={6} />
      </Paper>

      <ObjectInfoForm
        auditUuid={audit.uuid}
        fields={audit.checklistVersion.snapshot.objectInfoFields}
        values={audit.objectInfo}
        missing={missingFields}
      />

      {audit.checklistVersion.snapshot.categories.map((category) => (
        <Stack key={category.id} gap="sm">
          <Title order={3}>{category.name}</Title>
          {category.sections.map((section) => (
            <Stack key={section.id} gap="sm">
              <Title order={5} c="dimmed">
                {section.title}
              </Title>
              {section.description && <Text size="sm">{section.description}</Text>}
              {section.questions.map((q) => (
                <QuestionCard
                  key={q.id}
                  auditUuid={audit.uuid}
                  question={q}
                  response={responses.get(q.id)}
                  photos={audit.attachments.filter((a) => a.questionId === q.id)}
                  uploads={photos.uploads.filter((u) => u.questionId === q.id)}
                  onUpload={(file) => void photos.upload(q.id, file)}
                  onRemovePhoto={(uuid) => removePhoto.mutate(uuid)}
                  onDismissUpload={photos.dismiss}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      ))}

      <Card withBorder radius="md">
        <Stack gap="sm">
          {problems.length > 0 && <MissingList problems={problems} />}
          {submit.isError &&
            !(submit.error instanceof ApiError && submit.error.code === 'audit.incomplete') && (
              <Alert color="red">{errorMessage(submit.error)}</Alert>
            )}
          <Button size="md" onClick={() => void handleSubmitClick()} loading={submit.isPending}>
            {t('fill.submit')}
          </Button>
        </Stack>
      </Card>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('fill.submit')}>
        <Stack>
          <Text>{t('fill.submitConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </Button>
            <Button onClick={handleConfirm} loading={submit.isPending} data-testid="confirm-submit">
              {t('fill.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
