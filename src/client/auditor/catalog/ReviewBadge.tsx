import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ElevatorStatus, ReviewStatus } from '../../../shared/catalog/catalog.schema';

const REVIEW_COLORS: Record<ReviewStatus, string> = { pending: 'yellow', approved: 'teal', rejected: 'red' };

export function ReviewBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation('catalog');
  return (
    <Badge color={REVIEW_COLORS[status]} variant="light" data-review={status}>
      {t(`reviewStatus.${status}`)}
    </Badge>
  );
}

export function ElevatorStatusBadge({ status }: { status: ElevatorStatus }) {
  const { t } = useTranslation('catalog');
  if (status === 'active') return null;
  return (
    <Badge color="gray" variant="outline">
      {t(`status.${status}`)}
    </Badge>
  );
}
