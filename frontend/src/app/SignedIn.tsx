// Everything a signed-in person's pages share and the login page does not need: the query cache
// (empty after every sign-in), the notifications' container, the dates' settings, the session
// guard and the shell.
// Loaded with the shell's code, so the login page's JavaScript stays small.
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from './guards';
import { createQueryClient } from './queryClient';
import { Shell } from './Shell';

export function SignedIn() {
  // A new cache each time the app is entered from the login page: nothing of a previous session.
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      {/* Dates are дд.мм.гггг in every language (the field sets it); weeks start on Monday. The
          calendar's month and day names follow the UI language. */}
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'ru', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        {/* In the bottom corner, away from the header (the name, the bell, logout). Not `top={…}`:
            Mantine gives every position's container that offset, and the bottom ones then stretch
            over the page and take its clicks. */}
        <Notifications position="bottom-right" autoClose={5000} limit={4} />
        <RequireAuth>
          <Shell />
        </RequireAuth>
      </DatesProvider>
    </QueryClientProvider>
  );
}
