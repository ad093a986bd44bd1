// What a signed-in person sees while the first data loads: the shell's outline (header bar,
// navigation, a page title and content blocks) in place of a blank page with a spinner.
import { AppShell, Box, Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ShellSkeleton() {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: true } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Box fw={700} fz="lg" c="teal.8">
            {t('app.name')}
          </Box>
          <Group gap="md" wrap="nowrap">
            <Stack gap={4} align="flex-end" visibleFrom="xs">
              <Skeleton height={12} width={140} />
              <Skeleton height={10} width={180} />
            </Stack>
            <Skeleton height={30} width={72} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Stack gap={10} p={6}>
          {[70, 55, 62, 48, 66, 52].map((w, i) => (
            <Skeleton key={i} height={22} width={`${w}%`} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={30} width={220} />
          <Group gap="sm">
            <Skeleton height={36} width={240} />
            <Skeleton height={36} width={180} />
            <Skeleton height={36} width={160} />
          </Group>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={72} />
          ))}
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
