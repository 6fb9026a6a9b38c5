import { Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { auditPrintPath } from './export-links';

/** «Печать» on an audit card: opens the A4 print view of the audit. */
export function PrintButton({ uuid, size = 'sm' }: { uuid: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation('reports');
  return (
    <Button
      component={Link}
      to={auditPrintPath(uuid)}
      variant="default"
      size={size}
      leftSection={<IconPrinter size={16} />}
    >
      {t('print.print')}
    </Button>
  );
}
