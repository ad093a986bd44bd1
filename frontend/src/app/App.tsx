import { createTheme, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { router } from './router';

function makeTheme(closeLabel: string) {
  return createTheme({
    primaryColor: 'teal',
    defaultRadius: 'sm',
    components: {
      // A badge shows all its text: as typed (no capitals), wrapping onto a second line rather
      // than ending in «…» («Задача на подготовку ин…», «НОВ…»).
      // (Plain objects, not `Badge.extend`: the login page's code does not need these components.)
      Badge: {
        styles: {
          root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', overflow: 'visible', textTransform: 'none' },
          label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', overflowWrap: 'break-word', lineHeight: 1.3, paddingBlock: 1 },
        },
      },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    },
  });
}

export function App() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.close')), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Dates are дд.мм.гггг in every language (the field sets it); weeks start on Monday. The
          calendar's month and day names follow the UI language. */}
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'ru', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        {/* The query cache and the notifications come with the signed-in app (SignedIn.tsx). */}
        <RouterProvider router={router} />
      </DatesProvider>
    </MantineProvider>
  );
}
