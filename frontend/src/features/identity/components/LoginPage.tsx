import { Box, Button, Center, Group, Paper, Stack, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { getTokens } from '../../../shared/api/session';
import { problemMessage } from '../../../shared/i18n/messages';
import { LanguageSwitch } from '../../../shared/ui/LanguageSwitch';
import { login } from '../api/auth';

// Plain React state, not @mantine/form or TanStack Query: the login page is the first thing
// loaded, and its code is kept small (the signed-in app brings the rest; it starts with an empty
// query cache after every sign-in).
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [state, setState] = useState<{ pending: boolean; done: boolean; error: unknown }>({ pending: false, done: false, error: null });

  const submit = async () => {
    setState({ pending: true, done: false, error: null });
    try {
      await login(email.trim(), password);
      setState({ pending: false, done: true, error: null });
      void navigate(next, { replace: true });
    } catch (error) {
      setState({ pending: false, done: false, error });
    }
  };

  if (getTokens() && !state.pending && !state.done) return <Navigate to={next} replace />;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack>
            <Group justify="space-between">
              <Title order={2}>{t('auth.title')}</Title>
              <LanguageSwitch />
            </Group>
            {state.error !== null && (
              <Box role="alert" p="sm" bg="red.0" c="red.9" fz="sm" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
                {loginErrorText(state.error, t)}
              </Box>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            {/* A text field with a show/hide toggle (Mantine's PasswordInput weighs more). */}
            <TextInput
              label={t('auth.password')}
              type={shown ? 'text' : 'password'}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              rightSection={
                <UnstyledButton
                  aria-label={t('auth.showPassword')}
                  aria-pressed={shown}
                  onClick={() => setShown((v) => !v)}
                  style={{ display: 'flex', color: 'var(--mantine-color-dimmed)' }}
                >
                  <EyeIcon crossed={shown} />
                </UnstyledButton>
              }
            />
            <Box>
              <Button type="submit" fullWidth loading={state.pending}>
                {t('auth.submit')}
              </Button>
            </Box>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
      {crossed && <path d="M3 3l18 18" />}
    </svg>
  );
}

function loginErrorText(error: unknown, t: (k: 'auth.invalidCredentials' | 'auth.tooManyAttemptsLater') => string): string {
  if (error instanceof ApiProblem) {
    if (error.code === 'invalid_credentials') return t('auth.invalidCredentials');
    if (error.code === 'too_many_attempts' && error.retryAfter === null) return t('auth.tooManyAttemptsLater');
  }
  return problemMessage(error);
}

/** Only same-site paths: never let ?next= send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
