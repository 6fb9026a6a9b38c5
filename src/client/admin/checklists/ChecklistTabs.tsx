import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { value: '/admin/checklist', key: 'tabs.builder' },
  { value: '/admin/checklist/fields', key: 'tabs.fields' },
  { value: '/admin/checklist/versions', key: 'tabs.versions' },
  { value: '/admin/checklist/transfer', key: 'tabs.transfer' },
] as const;

/** The checklist's admin pages as tabs under one navigation item. */
export function ChecklistTabs() {
  const { t } = useTranslation('checklists');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((tab) => tab.value === pathname.replace(/\/$/, ''))?.value ?? TABS[0].value;
  return (
    <Tabs value={current} onChange={(value) => value && navigate(value)}>
      <Tabs.List style={{ flexWrap: 'wrap' }}>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {t(tab.key)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
