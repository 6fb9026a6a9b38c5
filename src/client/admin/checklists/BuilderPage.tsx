import { Alert, Badge, Button, Group, Loader, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlus, IconRocket, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message';
import { ErrorState } from '../../ui/ErrorState';
import { type BuilderDialog, BuilderTree } from './BuilderTree';
import { ChecklistTabs } from './ChecklistTabs';
import { PublishModal } from './PublishModal';
import { QuestionFormModal } from './QuestionFormModal';
import { CategoryFormModal, MoveQuestionModal, MoveSectionModal, SectionFormModal } from './SimpleForms';
import { useDraft, useInstallStarter } from './useChecklist';

/** The checklist builder: status of the draft, the tree, publishing and the starter checklist. */
export function BuilderPage() {
  const { t, i18n } = useTranslation('checklists');
  const draft = useDraft();
  const install = useInstallStarter();
  const [dialog, setDialog] = useState<BuilderDialog | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [showInactive, setShowInactive] = useState(false);
  const close = () => setDialog(null);

  if (draft.isPending) return <Loader />;
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => draft.refetch()} />;
  const data = draft.data;
  const latest = data.latestVersion;

  const handleInstall = () => install.mutate(undefined);

  return (
    <Stack gap="md">
      <ChecklistTabs />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{t('builder.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('builder.intro')}
          </Text>
          <Group gap="xs" data-testid="draft-status">
            <Badge variant="light" color={latest ? 'blue' : 'gray'}>
              {latest
                ? t('status.latest', {
                    number: latest.number,
                    date: new Date(latest.publishedAt).toLocaleDateString(i18n.language),
                  })
                : t('status.none')}
            </Badge>
            {!data.isEmpty && (
              <Badge variant="light" color={data.hasUnpublishedChanges ? 'orange' : 'teal'}>
                {data.hasUnpublishedChanges ? t('status.unpublished') : t('status.upToDate')}
              </Badge>
            )}
            {data.problems.length > 0 && !data.isEmpty && (
              <Badge variant="light" color="red">
                {t('status.problems', { count: data.problems.length })}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap="sm">
          <Switch
            label={t('builder.showInactive')}
            checked={showInactive}
            onChange={(e) => setShowInactive(e.currentTarget.checked)}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setDialog({ kind: 'category' })}
          >
            {t('builder.addZone')}
          </Button>
          <Button
            color="teal"
            leftSection={<IconRocket size={16} />}
            disabled={!data.hasUnpublishedChanges}
            onClick={() => setPublishing(true)}
          >
            {t('actions.publish')}
          </Button>
        </Group>
      </Group>

      {data.isEmpty && !latest && (
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm" align="flex-start">
            <Text>{t('builder.empty')}</Text>
            <Text size="sm" c="dimmed">
              {t('builder.installStarterText')}
            </Text>
            {install.error ? (
              <Alert color="red" role="alert">
                {errorMessage(install.error)}
              </Alert>
            ) : null}
            <Button
              leftSection={<IconSparkles size={16} />}
              loading={install.isPending}
              onClick={handleInstall}
            >
              {t('builder.installStarter')}
            </Button>
          </Stack>
        </Paper>
      )}

      {install.data && (
        <Alert color="teal" role="status" withCloseButton onClose={() => install.reset()}>
          {t('builder.installed', { number: install.data.number })}
        </Alert>
      )}

      <BuilderTree draft={data} showInactive={showInactive} onOpen={setDialog} />

      {dialog?.kind === 'category' && <CategoryFormModal category={dialog.category} onClose={close} />}
      {dialog?.kind === 'section' && (
        <SectionFormModal section={dialog.section} categoryId={dialog.categoryId} onClose={close} />
      )}
      {dialog?.kind === 'moveSection' && (
        <MoveSectionModal section={dialog.section} categories={data.categories} onClose={close} />
      )}
      {dialog?.kind === 'moveQuestion' && (
        <MoveQuestionModal question={dialog.question} categories={data.categories} onClose={close} />
      )}
      {dialog?.kind === 'question' && (
        <QuestionFormModal
          question={dialog.question}
          sectionId={dialog.sectionId}
          problems={data.problems}
          onClose={close}
        />
      )}
      {publishing && <PublishModal problems={data.problems} onClose={() => setPublishing(false)} />}
    </Stack>
  );
}
