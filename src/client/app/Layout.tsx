import { AppShell, Box, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHelpCircle, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink } from 'react-router';
import { useCurrentUser, useLogout } from '../auth/useSession';
import { AnnouncementBanner } from '../ops/AnnouncementBanner';
import { useSwitchLocale } from '../profile/useProfile';
import { useSafeLogout } from '../sync/ui/SafeLogout';
import { AppFooter } from '../ui/AppFooter';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { NAV_ITEMS, type NavItem } from './nav';

function MainNavLink({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  // An admin-only namespace (e.g. checklists) is loaded on demand: ask for it without suspending the shell.
  const { t, ready } = useTranslation(item.labelKey.split(':')[0], { useSuspense: false });
  const Icon = item.icon;
  return (
    <NavLink
      component={RouterNavLink}
      to={item.to}
      end={item.end}
      label={ready ? t(item.labelKey) : ''}
      leftSection={<Icon size={20} stroke={1.6} />}
      onClick={onNavigate}
    />
  );
}

/** The authenticated shell: header, role-based navigation (a burger drawer on phones), footer. */
export function Layout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const logout = useLogout();
  const switchLocale = useSwitchLocale(true);

  // Warns before dropping unsent offline work and clears the device copy, then logs out.
  const safeLogout = useSafeLogout(user.id, () => logout.mutate());
  const handleLogout = () => {
    close();
    safeLogout.request();
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
            <img src="/icons/favicon-32.png" alt="" width={24} height={24} />
            <Box miw={0}>
              <Text fw={700} truncate visibleFrom="xs">
                {t('appName')}
              </Text>
              <Text fw={700} truncate hiddenFrom="xs">
                {t('appShortName')}
              </Text>
            </Box>
          </Group>
          <LanguageSwitch onChange={switchLocale} />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t(`portal.${user.role}`)}>
        <AppShell.Section>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} px="sm" py={6}>
            {t(`portal.${user.role}`)}
          </Text>
        </AppShell.Section>
        {/* Native overflow, not Mantine's ScrollArea: that one brings floating-ui (≈ 15 KB gzip) into the
            first bundle (issue 8) for a list of a few links. */}
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          <Stack gap={2} component="nav">
            {NAV_ITEMS[user.role].map((item) => (
              <MainNavLink key={item.to} item={item} onNavigate={close} />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={2}>
            <NavLink
              component={RouterNavLink}
              to="/profile"
              label={t('nav.profile')}
              description={user.fullName}
              leftSection={<IconUserCircle size={20} stroke={1.6} />}
              onClick={close}
            />
            <NavLink
              component={RouterNavLink}
              to="/support"
              label={t('ops:nav.support')}
              leftSection={<IconHelpCircle size={20} stroke={1.6} />}
              onClick={close}
            />
            <NavLink
              component="button"
              type="button"
              label={t('nav.logout')}
              leftSection={<IconLogout size={20} stroke={1.6} />}
              onClick={handleLogout}
              disabled={logout.isPending}
            />
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      {safeLogout.dialog}
      <AppShell.Main>
        <Box maw={1200} mx="auto">
          <AnnouncementBanner />
          <Outlet />
          <AppFooter />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
