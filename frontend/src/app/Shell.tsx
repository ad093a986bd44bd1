import { AppShell, Box, Burger, Button, Center, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../shared/api/client';
import { meQuery } from '../shared/api/me';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { ProblemAlert } from '../shared/ui/ProblemAlert';
import { ShellOutline } from '../shared/ui/ShellOutline';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { GlobalSearch } from '../features/search/components/GlobalSearch';
import { useLiveUpdates } from './live';
import { navItems, shows } from './navigation';

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useQuery(meQuery);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useLiveUpdates();

  const onLogout = async () => {
    await logout();
    queryClient.clear();
    void navigate('/login', { replace: true });
  };

  if (me.isPending) return <ShellOutline />;
  if (me.isError)
    return (
      <Center mih="100vh">
        <ProblemAlert error={me.error} title={t('app.loadFailed')} onRetry={() => void me.refetch()} />
      </Center>
    );

  const user = me.data;
  const items = navItems.filter((item) => shows(item, user));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNavigation')} />
            <Text fw={700} size="lg" component={Link} to="/" c="teal.8" td="none">
              {t('app.name')}
            </Text>
            <GlobalSearch />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={500} data-testid="current-user">
                {user.full_name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${user.role}`, { defaultValue: user.role })} · {user.organization.name}
              </Text>
            </Stack>
            <NotificationBell />
            {/* On a phone the language waits in the menu's width: the header keeps search, bell and logout. */}
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <Button variant="default" size="xs" onClick={() => void onLogout()}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.navigation')} style={{ overflowY: 'auto' }}>
        <Box hiddenFrom="sm" pb="xs">
          <LanguageSwitch />
        </Box>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            onClick={close}
          />
        ))}
        {items.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            {t('app.noSections')}
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
