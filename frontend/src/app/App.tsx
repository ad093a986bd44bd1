import { createTheme, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './queryClient';
import { router } from './router';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
});

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
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
