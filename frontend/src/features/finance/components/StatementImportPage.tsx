import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Group, List, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import {
  financeKeys,
  importStatement,
  previewStatement,
  statementsQuery,
  type ImportResult,
  type StatementPreview,
} from '../api/finance';
import { newMoney } from '../model/statement';
import { PreviewLines } from './PreviewLines';

/** Problems listed in full; a broken file may have thousands — the rest are counted. */
const PROBLEMS_SHOWN = 50;

/**
 * «Загрузка выписки»: the bank's 1C statement goes up (with its progress), the preview says what
 * an import would do line by line, and «Загрузить» imports the new lines. Nothing is stored before.
 */
export function StatementImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [importValid, setImportValid] = useState(false);
  const aborter = useRef<AbortController | null>(null);

  const preview = useMutation({
    mutationFn: (chosen: File) => {
      aborter.current = new AbortController();
      setProgress(0);
      return previewStatement(chosen, { onProgress: setProgress, signal: aborter.current.signal });
    },
    onSettled: () => {
      setProgress(null);
      aborter.current = null;
    },
  });
  const commit = useMutation({
    mutationFn: (p: StatementPreview) =>
      importStatement({ hash: p.hash, file_name: file?.name ?? 'statement.txt', organization_id: p.organization_id, import_valid: importValid || undefined }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: financeKeys.all }),
  });

  const choose = (chosen: File | null) => {
    aborter.current?.abort();
    setFile(chosen);
    setImportValid(false);
    commit.reset();
    preview.reset();
    if (chosen) preview.mutate(chosen);
  };
  const reset = () => choose(null);

  const aborted = preview.error instanceof DOMException && preview.error.name === 'AbortError';

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('finance.import.title')}
        </Title>
        <Anchor component={Link} to="/payments" size="sm">
          {t('finance.import.back')}
        </Anchor>
      </Group>

      {commit.isSuccess ? (
        <ImportDone result={commit.data} onAnother={reset} />
      ) : (
        <>
          <Text size="sm" c="dimmed" maw={760}>
            {t('finance.import.hint')}
          </Text>
          <FileInput
            label={t('finance.import.file')}
            placeholder={t('finance.import.filePlaceholder')}
            accept=".txt,text/plain"
            value={file}
            onChange={choose}
            clearable
            disabled={preview.isPending || commit.isPending}
            maw={480}
          />

          {preview.isPending && <UploadProgress fraction={progress} onCancel={reset} />}
          {preview.isError && !aborted && <PreviewProblem error={preview.error} />}

          {preview.isSuccess && (
            <PreviewView
              preview={preview.data}
              importValid={importValid}
              onImportValid={setImportValid}
              importing={commit.isPending}
              importError={commit.error}
              onImport={() => commit.mutate(preview.data)}
              onAnother={reset}
            />
          )}
        </>
      )}

      <History />
    </Stack>
  );
}

function UploadProgress({ fraction, onCancel }: { fraction: number | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const sent = fraction !== null && fraction >= 1;
  const percent = Math.round((fraction ?? 0) * 100);
  return (
    <Stack gap={6} maw={480} role="status">
      {sent ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('finance.import.parsing')}</Text>
        </Group>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm">{t('finance.import.uploading', { percent })}</Text>
            <Button size="xs" variant="subtle" onClick={onCancel}>
              {t('finance.import.cancel')}
            </Button>
          </Group>
          <Progress value={percent} aria-label={t('finance.import.uploadingLabel')} transitionDuration={150} />
        </>
      )}
    </Stack>
  );
}

/** Why a file was refused: too large, or not a statement (the server names the line). */
function PreviewProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiProblem && error.status === 413) {
    return (
      <Alert color="red" role="alert" maw={760}>
        {t('finance.import.tooLarge')}
      </Alert>
    );
  }
  if (error instanceof ApiProblem && error.code === 'validation_failed' && error.errors.length > 0) {
    return (
      <Alert color="red" role="alert" title={t('finance.import.notStatement')} maw={760}>
        {error.errors.map((e) => (
          <Text key={`${e.field}:${e.code}`} size="sm">
            {fieldErrorMessage(e)}
          </Text>
        ))}
      </Alert>
    );
  }
  return <ProblemAlert error={error} />;
}

function PreviewView({
  preview: p,
  importValid,
  onImportValid,
  importing,
  importError,
  onImport,
  onAnother,
}: {
  preview: StatementPreview;
  importValid: boolean;
  onImportValid: (v: boolean) => void;
  importing: boolean;
  importError: unknown;
  onImport: () => void;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const money = useMemo(() => newMoney(p.lines), [p.lines]);
  const hasProblems = p.problems.length > 0;
  const validError =
    importError instanceof ApiProblem ? importError.errors.find((e) => e.field === 'import_valid') : undefined;
  const otherError = importError && !validError ? importError : null;
  const before = p.imported_before;

  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t('finance.import.previewTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {[
          p.account && t('finance.import.account', { account: p.account }),
          p.period_from && p.period_to && t('finance.import.period', { from: formatDate(p.period_from), to: formatDate(p.period_to) }),
          t('finance.import.encoding', { encoding: p.encoding }),
        ]
          .filter(Boolean)
          .join(', ')}
      </Text>
      <Group gap="xs">
        <Badge size="lg" variant="light" color="teal" tt="none">
          {t('finance.import.chips.new', { count: formatNumber(p.new) })}
        </Badge>
        <Badge size="lg" variant="light" color="gray" tt="none">
          {t('finance.import.chips.duplicates', { count: formatNumber(p.duplicates) })}
        </Badge>
        <Badge size="lg" variant="light" color={hasProblems ? 'red' : 'gray'} tt="none">
          {t('finance.import.chips.problems', { count: formatNumber(p.problems.length) })}
        </Badge>
        <Badge size="lg" variant="light" color="green" tt="none">
          {t('finance.import.chips.matched', { count: formatNumber(p.matched) })}
        </Badge>
      </Group>
      {p.new > 0 && (
        <Text size="sm">{t('finance.import.money', { incoming: formatMoney(money.incoming), outgoing: formatMoney(money.outgoing) })}</Text>
      )}

      {before && (
        <Alert color="blue" role="status">
          {t('finance.import.importedBefore', {
            date: formatDateTime(before.created_at),
            name: before.file_name,
            imported: formatNumber(before.imported),
          })}{' '}
          {p.new === 0 && t('finance.import.nothingNew')}
        </Alert>
      )}
      {!before && p.new === 0 && (
        <Alert color="blue" role="status">
          {t('finance.import.nothingNew')}
        </Alert>
      )}

      {hasProblems && (
        <Alert color="red" title={t('finance.import.problemsTitle')}>
          <Text size="sm" mb="xs">
            {t('finance.import.problemsHint')}
          </Text>
          <List size="sm" spacing={4}>
            {p.problems.slice(0, PROBLEMS_SHOWN).map((problem, i) => (
              <List.Item key={`${problem.line}-${i}`}>
                <Text span fw={600} size="sm">
                  {t('finance.import.problemLine', { line: problem.line })}
                </Text>
                {problem.field ? `, ${t('finance.import.problemField', { field: problem.field })}` : ''}: {problem.message}
              </List.Item>
            ))}
          </List>
          {p.problems.length > PROBLEMS_SHOWN && (
            <Text size="sm" mt="xs">
              {t('finance.import.moreProblems', { count: formatNumber(p.problems.length - PROBLEMS_SHOWN) })}
            </Text>
          )}
        </Alert>
      )}

      <PreviewLines lines={p.lines} />

      <Stack gap="xs">
        {hasProblems && p.new > 0 && (
          <Checkbox
            label={t('finance.import.importValid')}
            checked={importValid}
            onChange={(e) => onImportValid(e.currentTarget.checked)}
            error={validError ? fieldErrorMessage(validError) : undefined}
          />
        )}
        {otherError ? <ProblemAlert error={otherError} /> : null}
        <Group>
          <Button onClick={onImport} loading={importing} disabled={p.new === 0 || (hasProblems && !importValid)}>
            {t('finance.import.commit')}
          </Button>
          <Button variant="default" onClick={onAnother} disabled={importing}>
            {t('finance.import.chooseAnother')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

function ImportDone({ result: r, onAnother }: { result: ImportResult; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('finance.import.result.title')} role="status">
      <Stack gap="xs">
        <Text size="sm">
          {t('finance.import.result.imported', { count: formatNumber(r.imported) })} —{' '}
          {t('finance.import.result.matched', { count: formatNumber(r.matched) })},{' '}
          {t('finance.import.result.unmatched', { count: formatNumber(r.unmatched) })}.
        </Text>
        {(r.duplicates > 0 || r.broken > 0) && (
          <Text size="sm">{t('finance.import.result.skipped', { duplicates: formatNumber(r.duplicates), broken: formatNumber(r.broken) })}</Text>
        )}
        <Group gap="xs">
          {r.unmatched > 0 && (
            <Button component={Link} to="/payments?unallocated=1" size="xs">
              {t('finance.import.result.openQueue')}
            </Button>
          )}
          {r.statement && (
            <Button component={Link} to={`/payments?statement=${r.statement.id}`} size="xs" variant="default">
              {t('finance.import.result.openStatement')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onAnother}>
            {t('finance.import.result.another')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function History() {
  const { t } = useTranslation();
  const statements = useQuery(statementsQuery);
  return (
    <Stack gap="xs" mt="lg">
      <Title order={2} size="h4">
        {t('finance.import.history.title')}
      </Title>
      {statements.isPending ? (
        <TableSkeleton rows={3} />
      ) : statements.isError ? (
        <ProblemAlert error={statements.error} onRetry={() => void statements.refetch()} />
      ) : statements.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('finance.import.history.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped aria-label={t('finance.import.history.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.import.history.columns.created')}</Table.Th>
                <Table.Th>{t('finance.import.history.columns.file')}</Table.Th>
                <Table.Th>{t('finance.import.history.columns.account')}</Table.Th>
                <Table.Th>{t('finance.import.history.columns.period')}</Table.Th>
                <Table.Th ta="right">{t('finance.import.history.columns.imported')}</Table.Th>
                <Table.Th ta="right">{t('finance.import.history.columns.skipped')}</Table.Th>
                <Table.Th ta="right">{t('finance.import.history.columns.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statements.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.created_at)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/payments?statement=${s.id}`} size="sm" aria-label={t('finance.import.history.open', { name: s.file_name })}>
                      {s.file_name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{s.account ?? ''}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {s.period_from && s.period_to ? `${formatDate(s.period_from)} — ${formatDate(s.period_to)}` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(s.imported)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.skipped)}</Table.Td>
                  <Table.Td ta="right" c={s.problems > 0 ? 'red.8' : undefined}>
                    {formatNumber(s.problems)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
