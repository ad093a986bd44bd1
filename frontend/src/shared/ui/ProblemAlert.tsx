import { Alert, Button, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../api/problem';
import { fieldErrorMessage, problemMessage } from '../i18n/messages';

/** An error from the API as an alert; `rest` lists field errors that fit no form field. */
export function ProblemAlert({
  error,
  rest,
  onRetry,
  title,
}: {
  error: unknown;
  rest?: FieldError[];
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const validation = error instanceof ApiProblem && error.code === 'validation_failed';
  const extra = rest ?? (validation ? (error as ApiProblem).errors : []);
  return (
    <Alert color="red" title={title ?? problemMessage(error)} role="alert">
      {title && !validation ? problemMessage(error) : null}
      {extra.length > 0 && (
        <List size="sm">
          {extra.map((e) => (
            <List.Item key={`${e.field}:${e.code}`}>
              {e.field ? `${e.field}: ` : ''}
              {fieldErrorMessage(e)}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
