// A contract on its way to signing: its status, the last step's comment, and the steps the
// person's role may take now (`actions`). A step asks for what it needs — a comment, the signed
// scan (uploaded to the deal first), «Реквизиты проверены» — and a refusal is shown as it comes
// (403: not this role's step; 422: what is missing).
import { Alert, Anchor, Button, Checkbox, FileButton, Group, List, Modal, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { notifySuccess } from '../../../shared/ui/notify';
import { ApiProblem } from '../../../shared/api/problem';
import { fieldErrorMessage, problemMessage } from '../../../shared/i18n/messages';
import { contractStep, uploadScan, type ContractAction, type DealForDocuments, type DocumentView } from '../api/documents';
import { statusLabel } from './labels';

const NEEDS_COMMENT: readonly ContractAction[] = ['return_protocol', 'not_agreed'];
const QUIET: readonly ContractAction[] = ['not_agreed', 'return_protocol'];

export function ContractSteps({ doc, deal, onChanged }: { doc: DocumentView; deal: DealForDocuments; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCan('documents.write');
  const [step, setStep] = useState<ContractAction | null>(null);
  const actions = canWrite && deal.status === 'open' ? doc.actions.filter((a) => a !== 'send') : [];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('documents.steps.title')}: {statusLabel(doc)}
      </Text>
      {doc.status_note && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {t('documents.steps.note', { note: doc.status_note })}
        </Text>
      )}
      {actions.length > 0 ? (
        <Group gap="xs">
          {actions.map((a) => (
            <Button
              key={a}
              size="xs"
              variant={QUIET.includes(a) ? 'default' : 'light'}
              color={a === 'not_agreed' ? 'red' : a === 'confirm_signed' ? 'green' : undefined}
              onClick={() => setStep(a)}
            >
              {t(`documents.steps.actions.${a}`)}
            </Button>
          ))}
        </Group>
      ) : (
        !['signed', 'not_signed'].includes(doc.status) &&
        canWrite && (
          <Text size="xs" c="dimmed">
            {t('documents.steps.none')}
          </Text>
        )
      )}
      <StepDialog doc={doc} deal={deal} action={step} onClose={() => setStep(null)} onDone={onChanged} />
    </Stack>
  );
}

function StepDialog({
  doc,
  deal,
  action,
  onClose,
  onDone,
}: {
  doc: DocumentView;
  deal: DealForDocuments;
  action: ContractAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const canClients = useCan('clients.read');
  const [comment, setComment] = useState('');
  const [scan, setScan] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  useEffect(() => {
    if (action) {
      setComment('');
      setScan(null);
      setChecked(doc.requisites_checked);
      setProgress(null);
      setMissing(null);
    }
  }, [action]);
  const needsComment = !!action && NEEDS_COMMENT.includes(action);

  const mutation = useMutation({
    mutationFn: async () => {
      let scanId: string | null = null;
      if (action === 'attach_signed_scan' && scan) {
        setProgress(0);
        const file = await uploadScan(deal.id, scan, setProgress);
        scanId = file.id;
      }
      return contractStep(doc.id, {
        action: action!,
        version: doc.version,
        comment: comment.trim() || null,
        scan_file_id: scanId,
        requisites_checked: action === 'confirm_signed' ? checked : undefined,
      });
    },
    onSuccess: (updated) => {
      notifySuccess(t('documents.steps.done', { status: statusLabel(updated) }));
      onDone();
      onClose();
    },
    onError: (error) => {
      // Someone moved the contract meanwhile: read it again so the buttons are the current ones.
      if (error instanceof ApiProblem && error.code === 'version_conflict') onDone();
    },
    onSettled: () => setProgress(null),
  });

  const submit = () => {
    if (needsComment && !comment.trim()) return setMissing(t('documents.steps.commentRequired'));
    if (action === 'attach_signed_scan' && !scan) return setMissing(t('documents.steps.scanRequired'));
    setMissing(null);
    mutation.mutate();
  };

  return (
    <Modal opened={!!action} onClose={onClose} title={action ? t(`documents.steps.actions.${action}`) : ''} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          {mutation.isError && <StepProblem error={mutation.error} />}
          {action === 'attach_signed_scan' && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('documents.steps.scan')}
              </Text>
              <Group gap="xs">
                <FileButton onChange={setScan} accept="application/pdf,image/*">
                  {(props) => (
                    <Button {...props} variant="default" size="xs" data-autofocus>
                      {t('documents.steps.scanPick')}
                    </Button>
                  )}
                </FileButton>
                {scan && <Text size="sm">{scan.name}</Text>}
              </Group>
              {progress !== null && scan && (
                <Progress value={Math.round(progress * 100)} aria-label={t('documents.steps.uploading', { name: scan.name })} />
              )}
            </Stack>
          )}
          {action === 'confirm_signed' && (
            <Stack gap={4}>
              <Checkbox
                label={t('documents.steps.requisitesChecked')}
                description={t('documents.steps.requisitesCheckedHint')}
                checked={checked}
                onChange={(e) => setChecked(e.currentTarget.checked)}
              />
              <Text size="xs" c="dimmed">
                {t('documents.steps.counterpartyHint')}{' '}
                {canClients && deal.client_id && (
                  <Anchor component={Link} to={`/clients/${deal.client_id}?tab=counterparties`} size="xs">
                    {t('documents.steps.openClient')}
                  </Anchor>
                )}
              </Text>
            </Stack>
          )}
          <Textarea
            label={needsComment ? t('documents.steps.comment') : t('documents.steps.commentOptional')}
            required={needsComment}
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={missing === t('documents.steps.commentRequired') ? missing : undefined}
            data-autofocus={action !== 'attach_signed_scan' ? true : undefined}
          />
          {missing && missing !== t('documents.steps.commentRequired') && (
            <Alert color="red" role="alert" py="xs">
              {missing}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('documents.steps.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A refused step as it came: 403 not this role's, 422 what is missing (each guard's own words), 409 changed meanwhile. */
function StepProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errors = error instanceof ApiProblem ? error.errors : [];
  return (
    <Alert
      color="red"
      role="alert"
      title={
        errors.length
          ? t('documents.steps.refused')
          : error instanceof ApiProblem && error.code === 'version_conflict'
            ? t('documents.steps.conflict')
            : problemMessage(error)
      }
    >
      {errors.length > 0 && (
        <List size="sm">
          {errors.map((e) => (
            <List.Item key={`${e.field}:${e.code}`}>{fieldErrorMessage(e)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
