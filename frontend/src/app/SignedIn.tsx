// Everything a signed-in person's pages share and the login page does not need: the query cache
// (empty after every sign-in), the notifications' container, the session guard and the shell.
// Loaded with the shell's code, so the login page's JavaScript stays small.
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RequireAuth } from './guards';
import { createQueryClient } from './queryClient';
import { Shell } from './Shell';

export function SignedIn() {
  // A new cache each time the app is entered from the login page: nothing of a previous session.
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      {/* In the bottom corner, away from the header (the name, the bell, logout). Not `top={…}`:
          Mantine gives every position's container that offset, and the bottom ones then stretch
          over the page and take its clicks. */}
      <Notifications position="bottom-right" autoClose={5000} limit={4} />
      <RequireAuth>
        <Shell />
      </RequireAuth>
    </QueryClientProvider>
  );
}
