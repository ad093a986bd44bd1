import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Pipeline, PipelineKind } from '../api/pipelines';
import { CODE_PATTERN, PIPELINE_KINDS } from '../model/catalog';
import { slugify, uniqueCode } from '../model/ops';
import { MONO } from './editorContext';

export interface NewPipelineSource {
  kind?: PipelineKind;
  /** A pipeline whose definition the new one starts from. */
  fromId?: string;
}

const TEMPLATE = 'template';

interface Values {
  kind: PipelineKind;
  source: string;
  code: string;
  name_ru: string;
  name_en: string;
}

/** The editor's address for a pipeline not saved yet (`/admin/pipelines/new?…`). */
export function newPipelinePath(v: Values): string {
  const q = new URLSearchParams({ kind: v.kind, code: v.code.trim(), name_ru: v.name_ru.trim(), name_en: v.name_en.trim() });
  if (v.source !== TEMPLATE) q.set('from', v.source);
  return `/admin/pipelines/new?${q.toString()}`;
}

/**
 * Starts a pipeline: its kind, code and names, and where its definition comes from — a copy of
 * an existing pipeline or the minimal template. The editor opens with it; nothing is saved yet.
 */
export function NewPipelineModal({
  opened,
  source,
  pipelines,
  onClose,
}: {
  opened: boolean;
  source: NewPipelineSource;
  pipelines: Pipeline[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const taken = new Set(pipelines.map((p) => p.code));
  // The code follows the Russian name until the admin types one.
  const codeTyped = useRef(false);
  const form = useForm<Values>({
    initialValues: { kind: 'deal', source: TEMPLATE, code: '', name_ru: '', name_en: '' },
    validate: {
      code: (v) =>
        !v.trim()
          ? t('fieldErrors.required')
          : !CODE_PATTERN.test(v.trim())
            ? t('pipelines.new.codeFormat')
            : taken.has(v.trim())
              ? t('pipelines.new.codeTaken')
              : null,
      name_ru: (v) => (v.trim() ? null : t('fieldErrors.required')),
      name_en: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });

  useEffect(() => {
    if (!opened) return;
    const from = pipelines.find((p) => p.id === source.fromId);
    const values: Values = {
      kind: from?.kind ?? source.kind ?? 'deal',
      source: from?.id ?? TEMPLATE,
      code: '',
      name_ru: from ? t('pipelines.new.copyName', { name: from.name_ru }) : '',
      name_en: from ? `${from.name_en} (copy)` : '',
    };
    values.code = from ? uniqueCode(`${from.code}_copy`, taken) : '';
    codeTyped.current = false;
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // Only when the dialog opens.
  }, [opened]);

  const sources = [
    { value: TEMPLATE, label: t('pipelines.new.template') },
    ...pipelines
      .filter((p) => p.kind === form.values.kind)
      .map((p) => ({ value: p.id, label: t('pipelines.new.copyOf', { name: i18n.language === 'en' ? p.name_en : p.name_ru }) })),
  ];

  return (
    <Modal opened={opened} onClose={onClose} title={t('pipelines.new.title')} size="lg">
      <form noValidate onSubmit={form.onSubmit((v) => void navigate(newPipelinePath(v)))}>
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="new-pipeline-kind">
              {t('pipelines.new.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="new-pipeline-kind"
              data={PIPELINE_KINDS.map((k) => ({ value: k, label: t(`pipelines.kinds.${k}`) }))}
              value={form.values.kind}
              onChange={(k) => {
                form.setFieldValue('kind', k as PipelineKind);
                form.setFieldValue('source', TEMPLATE);
              }}
            />
          </Stack>
          <Select
            label={t('pipelines.new.source')}
            data={sources}
            allowDeselect={false}
            {...form.getInputProps('source')}
          />
          <TextInput
            label={t('pipelines.new.nameRu')}
            required
            maxLength={100}
            data-autofocus
            {...form.getInputProps('name_ru')}
            onChange={(e) => {
              const name = e.currentTarget.value;
              form.setFieldValue('name_ru', name);
              if (!codeTyped.current) form.setFieldValue('code', slugify(name) ? uniqueCode(slugify(name), taken) : '');
            }}
          />
          <TextInput label={t('pipelines.new.nameEn')} required maxLength={100} {...form.getInputProps('name_en')} />
          <TextInput
            label={t('pipelines.new.code')}
            description={t('pipelines.new.codeHint')}
            required
            maxLength={40}
            styles={MONO}
            {...form.getInputProps('code')}
            onChange={(e) => {
              codeTyped.current = true;
              form.setFieldValue('code', e.currentTarget.value);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('pipelines.new.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
