import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { getTokens } from '../../../shared/api/session';
import { LoginPage } from './LoginPage';

function problem(status: number, code: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `https://tessera.local/problems/${code}`, title: code, status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

function renderLogin() {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/', element: <p>home page</p> },
    ],
    { initialEntries: ['/login'] },
  );
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/E-mail/), email);
  await user.type(screen.getByLabelText(/Пароль/), password);
  await user.click(screen.getByRole('button', { name: 'Войти' }));
}

describe('LoginPage', () => {
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>();
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('signs in, keeps the tokens and opens the app', async () => {
    fetchMock.mockResolvedValueOnce(
      Response.json({ access_token: 'acc-1', refresh_token: 'ref-1', token_type: 'Bearer', expires_in: 900 }),
    );
    const router = renderLogin();
    await submit('manager@demo.local', 'demo12345');

    expect(await screen.findByText('home page')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(getTokens()).toEqual({ access: 'acc-1', refresh: 'ref-1' });
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe('/api/v1/auth/login');
    expect(request.method).toBe('POST');
    expect(await request.json()).toEqual({ email: 'manager@demo.local', password: 'demo12345' });
  });

  it('says the e-mail or password is wrong on invalid_credentials', async () => {
    fetchMock.mockResolvedValueOnce(problem(401, 'invalid_credentials'));
    renderLogin();
    await submit('manager@demo.local', 'wrong');

    expect((await screen.findByRole('alert')).textContent).toContain('Неверный e-mail или пароль');
    expect(getTokens()).toBeNull();
  });

  it('tells how many seconds to wait on too_many_attempts', async () => {
    fetchMock.mockResolvedValueOnce(problem(429, 'too_many_attempts', { 'Retry-After': '37' }));
    renderLogin();
    await submit('manager@demo.local', 'wrong');

    expect((await screen.findByRole('alert')).textContent).toContain('Повторите через 37 с.');
  });
});
