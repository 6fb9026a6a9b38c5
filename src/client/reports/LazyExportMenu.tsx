import { Button } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { type ComponentProps, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportMenu as ExportMenuType } from './ExportMenu';

// Mantine's Menu brings Popover and floating-ui (≈ 20 KB gzip): the auditor's first screen loads it
// after the first paint (issue 8: initial JS ≤ 250 KB gzip). The service worker precaches the chunk.
const ExportMenu = lazy(() => import('./ExportMenu').then((m) => ({ default: m.ExportMenu })));

/** ExportMenu, fetched on demand; until then the same button, inactive. */
export function LazyExportMenu(props: ComponentProps<typeof ExportMenuType>) {
  const { t } = useTranslation('reports');
  const placeholder = (
    <Button
      variant="default"
      size={props.size ?? 'sm'}
      leftSection={<IconDownload size={16} />}
      rightSection={<IconChevronDown size={14} />}
      disabled
    >
      {props.label ?? t('export.title')}
    </Button>
  );
  return (
    <Suspense fallback={placeholder}>
      <ExportMenu {...props} />
    </Suspense>
  );
}
