import { Badge, createTheme, MantineProvider, Notification } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './queryClient';
import { router } from './router';

function makeTheme(closeLabel: string) {
  return createTheme({
    primaryColor: 'teal',
    defaultRadius: 'sm',
    components: {
      // A badge shows all its text: as typed (no capitals), wrapping onto a second line rather
      // than ending in «…» («Задача на подготовку ин…», «НОВ…»).
      Badge: Badge.extend({
        styles: {
          root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', overflow: 'visible', textTransform: 'none' },
          label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', overflowWrap: 'break-word', lineHeight: 1.3, paddingBlock: 1 },
        },
      }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.close')), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Dates are дд.мм.гггг in every language (the field sets it); weeks start on Monday. The
          calendar's month and day names follow the UI language. */}
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'ru', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        {/* Below the 60 px header, so a message never hides the user's name or the logout button. */}
        <Notifications position="top-right" top={70} autoClose={5000} limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
