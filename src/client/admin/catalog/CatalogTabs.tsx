import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { value: '/admin/catalog', key: 'tabs.list' },
  { value: '/admin/catalog/moderation', key: 'tabs.moderation' },
  { value: '/admin/catalog/import', key: 'tabs.import' },
] as const;

/** The catalog's three admin pages as tabs (one navigation item in the layout). */
export function CatalogTabs() {
  const { t } = useTranslation('catalog');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((tab) => tab.value === pathname.replace(/\/$/, ''))?.value ?? TABS[0].value;
  return (
    <Tabs value={current} onChange={(value) => value && navigate(value)}>
      <Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {t(tab.key)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
