import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS } from '../../shared/reports/export-formats';

/**
 * «Выгрузить» with XLSX and CSV: plain links, so the browser streams the file straight to disk
 * (no Blob in memory) and names it from Content-Disposition.
 */
export function ExportMenu({
  hrefFor,
  label,
  size = 'sm',
}: {
  hrefFor: (format: (typeof EXPORT_FORMATS)[number]) => string;
  label?: string;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation('reports');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size={size}
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {label ?? t('export.title')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {EXPORT_FORMATS.map((format) => (
          <Menu.Item key={format} component="a" href={hrefFor(format)} download>
            {t(`export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
