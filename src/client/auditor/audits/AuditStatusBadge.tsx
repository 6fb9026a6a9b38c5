import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditStatus } from '../../../shared/audits/audits.schema';

const COLORS: Record<AuditStatus, string> = {
  draft: 'gray',
  in_progress: 'blue',
  submitted: 'orange',
  reviewed: 'teal',
};

export function AuditStatusBadge({ status, isNew = false }: { status: AuditStatus; isNew?: boolean }) {
  const { t } = useTranslation('audits');
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLORS[status]} variant="light">
        {t(`status.${status}`)}
      </Badge>
      {isNew && (
        <Badge color="red" variant="filled" data-testid="audit-new-badge">
          {t('isNew')}
        </Badge>
      )}
    </Group>
  );
}
