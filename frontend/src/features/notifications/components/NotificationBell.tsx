// The bell in the header: the unread count, the newest notifications with links, «Прочитать все».
// A new unread one also shows as a message that closes by itself.
import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { notificationsQuery, useMarkAllRead, useMarkRead, type Notification } from '../api/notifications';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const list = useQuery(notificationsQuery);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const unread = list.data?.unread ?? 0;
  useNewOnesAsMessages(list.data?.items, t('notifications.newOne'));

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate(n.id);
    setOpened(false);
    void navigate(n.link);
  };

  const label = unread > 0 ? `${t('notifications.bell')}: ${t('notifications.unread', { count: unread })}` : t('notifications.bell');
  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md" withinPortal>
      {/* The popover's target is the button itself (its aria-expanded belongs there), the count beside it. */}
      <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red" offset={4} data-testid="unread-count">
        <Popover.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Text fw={600}>{t('notifications.bell')}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate()} loading={markAll.isPending}>
              {t('notifications.readAll')}
            </Button>
          )}
        </Group>
        {list.isError && <ProblemAlert error={list.error} title={t('notifications.loadFailed')} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            {t('notifications.empty')}
          </Text>
        )}
        <ScrollArea.Autosize mah={420}>
          <Stack gap={2}>
            {list.data?.items.map((n) => (
              <UnstyledButton key={n.id} onClick={() => open(n)} p={6} style={{ borderRadius: 4 }} className="notification-item" data-unread={!n.read_at || undefined}>
                <Anchor component="span" size="sm" fw={n.read_at ? 400 : 600} c={n.read_at ? 'dimmed' : undefined} underline="never">
                  {n.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.created_at)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Shows each unread notification that arrives after the page opened as a message, once. */
function useNewOnesAsMessages(items: Notification[] | undefined, heading: string) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!items) return;
    if (seen.current === null) {
      seen.current = new Set(items.map((n) => n.id));
      return;
    }
    for (const n of items) {
      if (seen.current.has(n.id)) continue;
      seen.current.add(n.id);
      if (!n.read_at) toasts.show({ title: heading, message: n.title, autoClose: 6000 });
    }
  }, [items, heading]);
}
