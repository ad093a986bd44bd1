// «Отправить клиенту»: which documents go (a contract and its invoice together), the letter filled
// from the template (`/emails/draft`) and editable, with or without the stamp and signature, and
// the attachments as they will be named. Sending freezes the documents and moves the deal.
import { Alert, Button, Checkbox, Group, List, Loader, Modal, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoney } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { DOCUMENT_KINDS, letterQuery, sendDocuments, type DealForDocuments, type DocumentSummary } from '../api/documents';
import { documentName, statusLabel } from './labels';

interface Values {
  to_address: string;
  to_name: string;
  subject: string;
  body: string;
  with_stamp: boolean;
}

/** What to offer first: the documents that have not gone out yet — the contract with the invoice, else the current offer. */
export function defaultSelection(docs: readonly DocumentSummary[]): string[] {
  const unsent = docs.filter((d) => !d.sent_at);
  const latest = (kind: DocumentSummary['kind']) => [...unsent].reverse().find((d) => d.kind === kind);
  const pair = [latest('contract'), latest('invoice')].filter((d): d is DocumentSummary => !!d);
  if (pair.length) return pair.map((d) => d.id);
  const other = latest('offer') ?? unsent.at(-1) ?? docs.at(-1);
  return other ? [other.id] : [];
}

export function SendDialog({
  deal,
  opened,
  documents,
  initial,
  lastRecipient,
  onClose,
  onSent,
}: {
  deal: DealForDocuments;
  opened: boolean;
  /** Documents that may go out (no replaced offer versions). */
  documents: DocumentSummary[];
  initial?: string[];
  /** Where the last e-mail of the deal went: offered when the client has no e-mail on file. */
  lastRecipient?: { to_address: string; to_name?: string | null };
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [ids, setIds] = useState<string[]>([]);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { to_address: '', to_name: '', subject: '', body: '', with_stamp: true },
    validate: {
      to_address: (v) => (v.trim() ? null : t('fieldErrors.required')),
      subject: (v) => (v.trim() ? null : t('fieldErrors.required')),
      body: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });

  useEffect(() => {
    if (opened) {
      setIds(initial?.length ? initial : defaultSelection(documents));
      form.setValues({ to_address: '', to_name: '', subject: '', body: '', with_stamp: true });
      form.resetDirty({ to_address: '', to_name: '', subject: '', body: '', with_stamp: true });
      form.clearErrors();
      setUnplaced(null);
    }
  }, [opened]);

  // The letter follows the documents chosen, unless the person already wrote their own.
  const letter = useQuery({ ...letterQuery(deal.id, ids), enabled: opened && ids.length > 0 });
  useEffect(() => {
    const l = letter.data;
    if (!l) return;
    const keep = (field: keyof Values) => form.isDirty(field);
    const fallback = l.to_address ? null : lastRecipient;
    form.setValues({
      to_address: keep('to_address') ? form.values.to_address : (l.to_address ?? fallback?.to_address ?? ''),
      to_name: keep('to_name') ? form.values.to_name : (l.to_name ?? fallback?.to_name ?? ''),
      subject: keep('subject') ? form.values.subject : l.subject,
      body: keep('body') ? form.values.body : l.body,
    });
  }, [letter.data]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      sendDocuments(deal.id, {
        document_ids: ids,
        to_address: v.to_address.trim(),
        to_name: v.to_name.trim() || null,
        subject: v.subject,
        body: v.body,
        with_stamp: v.with_stamp,
      }),
    onSuccess: (email) => {
      notifySuccess(t('documents.send.queued', { to: email.to_address }));
      onSent();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
      // A document changed meanwhile: show the fresh list.
      if (error instanceof ApiProblem && error.code === 'version_conflict') onSent();
    },
  });

  const chosen = documents.filter((d) => ids.includes(d.id));
  // By kind as the deal goes (offer, contract, invoice…), the newest of a kind first.
  const listed = [...documents].reverse().sort((a, b) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind));

  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.send.title')} size="xl" fullScreen={phone}>
      {documents.length === 0 ? (
        <Text size="sm">{t('documents.send.nothing')}</Text>
      ) : (
        <form
          onSubmit={form.onSubmit((v) => {
            if (ids.length === 0) return;
            mutation.mutate(v);
          })}
          noValidate
        >
          <Stack>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            <Checkbox.Group
              label={t('documents.send.documents')}
              description={t('documents.send.documentsHint')}
              value={ids}
              onChange={setIds}
              error={ids.length === 0 ? t('documents.send.pickOne') : undefined}
            >
              <Stack gap={6} mt="xs">
                {listed.map((d) => (
                  <Checkbox
                    key={d.id}
                    value={d.id}
                    label={
                      <Text size="sm" component="span">
                        {documentName(t, d)} · {statusLabel(d)}
                        {d.kind !== 'work_order' && d.kind !== 'delivery_notice' ? ` · ${formatMoney(d.total)}` : ''}
                        {d.sent_at && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            ({t('documents.send.alreadySent')})
                          </Text>
                        )}
                      </Text>
                    }
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            {letter.isFetching && (
              <Group gap="xs">
                <Loader size="xs" />
                <Text size="xs">{t('documents.send.letterLoading')}</Text>
              </Group>
            )}
            {letter.isError && <ProblemAlert error={letter.error} />}
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t('documents.send.to')}
                type="email"
                required
                miw={220}
                description={letter.data && !letter.data.to_address && !lastRecipient ? t('documents.send.noAddress') : undefined}
                {...form.getInputProps('to_address')}
              />
              <TextInput label={t('documents.send.toName')} miw={220} {...form.getInputProps('to_name')} />
            </Group>
            <TextInput label={t('documents.send.subject')} required {...form.getInputProps('subject')} />
            <Textarea label={t('documents.send.body')} required autosize minRows={6} maxRows={16} {...form.getInputProps('body')} />
            <Switch label={t('documents.send.stamp')} {...form.getInputProps('with_stamp', { type: 'checkbox' })} />
            {chosen.length > 0 && (
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  {t('documents.send.attachments')}
                </Text>
                <List size="sm" aria-label={t('documents.send.attachments')}>
                  {chosen.map((d) => (
                    <List.Item key={d.id}>{d.file_name}</List.Item>
                  ))}
                </List>
              </Stack>
            )}
            <Alert color="gray" variant="light" py="xs">
              <Text size="xs">{t('documents.send.freezeHint')}</Text>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="green" loading={mutation.isPending} disabled={ids.length === 0}>
                {t('documents.send.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
