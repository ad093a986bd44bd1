// What a signed-in person sees while the first data loads: the shell's outline (header bar,
// navigation, a page title and content blocks) in place of a blank page with a spinner. Plain
// boxes laid out like the shell's AppShell (60 px header, 230 px navigation from `sm` up). The
// shell shows it while the person's data loads; the router's first-load fallback (`ShellSkeleton`)
// loads it on demand, so the login page's JavaScript does not carry it.
import { Box, Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const line = '1px solid var(--mantine-color-gray-3)';

export function ShellOutline() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh">
      <Box component="header" h={60} px="md" style={{ borderBottom: line, display: 'flex', alignItems: 'center' }}>
        <Group justify="space-between" wrap="nowrap" w="100%">
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
      </Box>
      <Group align="stretch" gap={0} wrap="nowrap" mih="calc(100vh - 60px)">
        <Box component="nav" aria-label={t('app.navigation')} w={230} p="xs" visibleFrom="sm" style={{ borderRight: line, flexShrink: 0 }}>
          <Stack gap={10} p={6}>
            {[70, 55, 62, 48, 66, 52].map((w, i) => (
              <Skeleton key={i} height={22} width={`${w}%`} />
            ))}
          </Stack>
        </Box>
        <Box component="main" p="md" style={{ flex: 1, minWidth: 0 }}>
          <Stack gap="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
            <Skeleton height={30} width={220} maw="100%" />
            <Group gap="sm">
              <Skeleton height={36} width={240} maw="100%" />
              <Skeleton height={36} width={180} maw="100%" />
              <Skeleton height={36} width={160} maw="100%" />
            </Group>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={72} />
            ))}
          </Stack>
        </Box>
      </Group>
    </Box>
  );
}
