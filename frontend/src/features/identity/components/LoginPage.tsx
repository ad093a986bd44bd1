import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { getTokens } from '../../../shared/api/session';
import { problemMessage } from '../../../shared/i18n/messages';
import { LanguageSwitch } from '../../../shared/ui/LanguageSwitch';
import { login } from '../api/auth';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const form = useForm({ initialValues: { email: '', password: '' } });
  const mutation = useMutation({
    mutationFn: (v: { email: string; password: string }) => login(v.email.trim(), v.password),
    onSuccess: () => {
      queryClient.clear();
      void navigate(next, { replace: true });
    },
  });

  if (getTokens() && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2}>{t('auth.title')}</Title>
              <LanguageSwitch />
            </Group>
            {mutation.error && <Alert color="red" role="alert">{loginErrorText(mutation.error, t)}</Alert>}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Box>
              <Button type="submit" fullWidth loading={mutation.isPending}>
                {t('auth.submit')}
              </Button>
            </Box>
          </Stack>
        </form>
      </Paper>
    </Center>
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
