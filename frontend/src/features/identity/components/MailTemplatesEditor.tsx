import { Accordion, Badge, Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { mailTemplatesQuery, requisitesKeys, saveMailTemplate, type MailTemplate, type MailTemplates } from '../api/requisites';
import { insertAt, unknownPlaceholders } from '../model/templates';

/** The subject and text each kind of document is e-mailed with, placeholders put in by a click. */
export function MailTemplatesEditor() {
  const { t } = useTranslation();
  const templates = useQuery(mailTemplatesQuery);
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h4">
        {t('mailTemplates.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('mailTemplates.hint')}
      </Text>
      {templates.isPending ? (
        <TableSkeleton rows={5} />
      ) : templates.isError ? (
        <ProblemAlert error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <Accordion variant="separated">
          {templates.data.items.map((tpl) => (
            <Accordion.Item key={tpl.document_kind} value={tpl.document_kind}>
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {t(`mailTemplates.kind.${tpl.document_kind}`)}
                  </Text>
                  <Badge size="xs" variant="light" color={tpl.customised ? 'teal' : 'gray'}>
                    {tpl.customised ? t('mailTemplates.customised') : t('mailTemplates.default')}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <TemplateForm template={tpl} placeholders={templates.data.placeholders} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}

type Field = 'subject' | 'body';

function TemplateForm({ template, placeholders }: { template: MailTemplate; placeholders: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm({ initialValues: { subject: template.subject, body: template.body } });
  const refs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  // The field a placeholder goes into: the one last focused (the text by default).
  const [target, setTarget] = useState<Field>('body');
  const kind = t(`mailTemplates.kind.${template.document_kind}`);

  const insert = (placeholder: string) => {
    const node = refs[target].current;
    const text = form.values[target];
    const start = node?.selectionStart ?? text.length;
    const end = node?.selectionEnd ?? text.length;
    const next = insertAt(text, start, end, placeholder);
    form.setFieldValue(target, next.text);
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const mutation = useMutation({
    mutationFn: (v: { subject: string; body: string }) => saveMailTemplate(template.document_kind, v),
    onSuccess: (saved) => {
      setUnplaced(null);
      queryClient.setQueryData<MailTemplates>(requisitesKeys.templates, (old) =>
        old ? { ...old, items: old.items.map((x) => (x.document_kind === saved.document_kind ? saved : x)) } : old,
      );
      form.resetDirty();
      notifySuccess(t('mailTemplates.saved', { kind }));
    },
    onError: (e) =>
      setUnplaced(e instanceof ApiProblem && e.code === 'validation_failed' ? applyProblemToForm(form, e, { message: fieldErrorMessage }) : null),
  });

  const unknown = [...unknownPlaceholders(form.values.subject, placeholders), ...unknownPlaceholders(form.values.body, placeholders)];

  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))} aria-label={kind}>
      <Stack gap="sm">
        <TextInput
          ref={refs.subject}
          label={t('mailTemplates.subject')}
          required
          {...form.getInputProps('subject')}
          onFocus={() => setTarget('subject')}
        />
        <Textarea
          ref={refs.body}
          label={t('mailTemplates.body')}
          required
          autosize
          minRows={5}
          maxRows={16}
          {...form.getInputProps('body')}
          onFocus={() => setTarget('body')}
        />
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('mailTemplates.placeholders')}
          </Text>
          <Group gap={6}>
            {placeholders.map((p) => (
              <Button
                key={p}
                size="compact-xs"
                variant="light"
                radius="xl"
                ff="monospace"
                // Keeps the cursor where it is in the field.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(p)}
                aria-label={t('mailTemplates.insert', { placeholder: p })}
              >
                {p}
              </Button>
            ))}
          </Group>
        </Stack>
        {unknown.length > 0 && (
          <Text size="xs" c="orange.8" role="status">
            {t('mailTemplates.unknown', { list: unknown.join(', ') })}
          </Text>
        )}
        {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={!form.isDirty()}>
            {t('mailTemplates.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
