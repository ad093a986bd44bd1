import { ActionIcon, Button, Checkbox, Group, Menu, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/api/types';
import type { Due, RequestKind, TaskAssignee } from '../api/pipelines';
import { useCardFields } from '../api/pipelines';
import { REQUEST_KINDS } from '../model/catalog';
import { newKey, type Draft, type DraftChange, type DraftEffect, type DraftStage } from '../model/draft';
import { ids } from '../model/errors';
import { addEffect, addItem, removeEffect, removeItem, updateEffect, updateItem } from '../model/ops';
import { useEditor } from './editorContext';
import { ChoiceField, TextField } from './fields';

/** Focuses an input that the next render adds. */
export function focusSoon(id: string) {
  window.setTimeout(() => {
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, 50);
}

/** A stage's checklist and what entering it does (requests to departments, tasks). */
export function StageDetails({ stage, onChange }: { stage: DraftStage; onChange: DraftChange }) {
  const { t } = useTranslation();
  const { readOnly, error, kind } = useEditor();
  const closed = stage.kind !== 'open';
  const stageName = stage.name_ru || stage.code || t('pipelines.editor.unnamed');

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack gap="xs" component="section" aria-label={t('pipelines.editor.checklistOf', { name: stageName })}>
        <Title order={3} size="h6">
          {t('pipelines.editor.checklist')}
        </Title>
        {error(ids.stageField(stage.key, 'checklist')) && (
          <Text id={ids.stageField(stage.key, 'checklist')} size="sm" c="red.7" role="alert">
            {error(ids.stageField(stage.key, 'checklist'))}
          </Text>
        )}
        {stage.checklist.length === 0 ? (
          <Text size="sm" c="dimmed">
            {closed ? t('pipelines.editor.closedNoChecklist') : t('pipelines.editor.noChecklist')}
          </Text>
        ) : (
          <Table verticalSpacing={4} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pipelines.fields.code')}</Table.Th>
                <Table.Th>{t('pipelines.fields.name_ru')}</Table.Th>
                <Table.Th>{t('pipelines.fields.name_en')}</Table.Th>
                {!readOnly && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stage.checklist.map((item, j) => {
                const n = j + 1;
                const field = (f: 'code' | 'name_ru' | 'name_en') => ({
                  id: ids.item(item.key, f),
                  label: t('pipelines.editor.itemField', { field: t(`pipelines.fields.${f}`), number: n, stage: stageName }),
                  value: item[f],
                  error: error(ids.item(item.key, f)),
                  onChange: (value: string) =>
                    onChange((d) => updateItem(d, stage.key, item.key, { [f]: value }), ids.item(item.key, f)),
                });
                return (
                  <Table.Tr key={item.key}>
                    <Table.Td w={180}>
                      <TextField {...field('code')} mono maxLength={40} />
                    </Table.Td>
                    <Table.Td>
                      <TextField {...field('name_ru')} maxLength={100} />
                    </Table.Td>
                    <Table.Td>
                      <TextField {...field('name_en')} maxLength={100} />
                    </Table.Td>
                    {!readOnly && (
                      <Table.Td w={40}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('pipelines.editor.removeItem', { name: item.name_ru || item.code || n })}
                          onClick={() => onChange((d) => removeItem(d, stage.key, item.key))}
                        >
                          ✕
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {!readOnly && !closed && (
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                const key = newKey();
                onChange((d) => addItem(d, stage.key, key).draft);
                focusSoon(ids.item(key, 'name_ru'));
              }}
            >
              {t('pipelines.editor.addItem')}
            </Button>
          </Group>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-label={t('pipelines.editor.onEnterOf', { name: stageName })}>
        <Title order={3} size="h6">
          {t('pipelines.editor.onEnter')}
        </Title>
        {error(ids.stageField(stage.key, 'on_enter')) && (
          <Text id={ids.stageField(stage.key, 'on_enter')} size="sm" c="red.7" role="alert">
            {error(ids.stageField(stage.key, 'on_enter'))}
          </Text>
        )}
        {stage.on_enter.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('pipelines.editor.noEffects')}
          </Text>
        )}
        {stage.on_enter.map((e) => (
          <EffectEditor
            key={e.key}
            effect={e}
            kind={kind}
            onChange={(change, touched) => onChange((d) => updateEffect(d, stage.key, e.key, change), touched)}
            onRemove={() => onChange((d) => removeEffect(d, stage.key, e.key))}
          />
        ))}
        {!readOnly && !closed && (
          <Group>
            <Menu position="bottom-start">
              <Menu.Target>
                <Button size="xs" variant="light">
                  {t('pipelines.editor.addEffect')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {kind === 'deal' && (
                  <Menu.Item onClick={() => onChange((d) => addEffect(d, stage.key, 'open_request'))}>
                    {t('pipelines.effects.open_request')}
                  </Menu.Item>
                )}
                <Menu.Item
                  onClick={() => {
                    const key = newKey();
                    onChange((d) => addEffect(d, stage.key, 'create_task', key));
                    focusSoon(ids.effect(key, 'title_ru'));
                  }}
                >
                  {t('pipelines.effects.create_task')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Stack>
    </SimpleGrid>
  );
}

/** A labelled cell of an effect (the table-less layout needs visible labels). */
function Labelled({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="label" htmlFor={htmlFor} size="xs" fw={500}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function EffectEditor({
  effect,
  kind,
  onChange,
  onRemove,
}: {
  effect: DraftEffect;
  kind: Draft['kind'];
  onChange: (change: (e: DraftEffect) => DraftEffect, touched?: string) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { readOnly, error } = useEditor();
  const dateFields = useCardFields(kind).filter((f) => f.kind === 'date');
  const id = (f: string) => ids.effect(effect.key, f);
  const remove = !readOnly && (
    <ActionIcon variant="subtle" color="red" aria-label={t('pipelines.editor.removeEffect')} onClick={onRemove}>
      ✕
    </ActionIcon>
  );

  if (effect.type === 'open_request') {
    return (
      <Paper withBorder p="xs">
        <Group align="flex-end" wrap="nowrap" justify="space-between">
          <Labelled label={t('pipelines.effects.open_request')} htmlFor={id('request')}>
            <ChoiceField
              id={id('request')}
              label={t('pipelines.effects.open_request')}
              options={REQUEST_KINDS.map((r) => ({ value: r, label: t(`pipelines.requestKinds.${r}`) }))}
              value={effect.request}
              error={error(id('request'))}
              onChange={(v) => onChange((e) => ({ ...e, request: v as RequestKind }), id('request'))}
            />
          </Labelled>
          {remove}
        </Group>
      </Paper>
    );
  }

  const assignee = effect.assignee.type === 'responsible' ? 'responsible' : `role:${effect.assignee.role}`;
  const set = (patch: Partial<Extract<DraftEffect, { type: 'create_task' }>>, field: string) =>
    onChange((e) => (e.type === 'create_task' ? { ...e, ...patch } : e), id(field));
  const number = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);

  return (
    <Paper withBorder p="xs">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {t('pipelines.effects.create_task')}
          </Text>
          {remove}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
          <Labelled label={t('pipelines.effects.title_ru')} htmlFor={id('title_ru')}>
            <TextField
              id={id('title_ru')}
              label={t('pipelines.effects.title_ru')}
              value={effect.title_ru}
              maxLength={200}
              error={error(id('title_ru'))}
              onChange={(v) => set({ title_ru: v }, 'title_ru')}
            />
          </Labelled>
          <Labelled label={t('pipelines.effects.title_en')} htmlFor={id('title_en')}>
            <TextField
              id={id('title_en')}
              label={t('pipelines.effects.title_en')}
              value={effect.title_en}
              maxLength={200}
              error={error(id('title_en'))}
              onChange={(v) => set({ title_en: v }, 'title_en')}
            />
          </Labelled>
          <Labelled label={t('pipelines.effects.code')} htmlFor={id('code')}>
            <TextField
              id={id('code')}
              label={t('pipelines.effects.code')}
              value={effect.code}
              mono
              maxLength={40}
              error={error(id('code'))}
              onChange={(v) => set({ code: v }, 'code')}
            />
          </Labelled>
          <Labelled label={t('pipelines.effects.kind')} htmlFor={id('kind')}>
            <ChoiceField
              id={id('kind')}
              label={t('pipelines.effects.kind')}
              options={(['call', 'email', 'meeting', 'task', 'other'] as const).map((k) => ({ value: k, label: t(`pipelines.effects.kinds.${k}`) }))}
              value={effect.kind ?? 'task'}
              onChange={(v) => set({ kind: v as NonNullable<typeof effect.kind> }, 'kind')}
            />
          </Labelled>
          <Labelled label={t('pipelines.effects.assignee')} htmlFor={id('assignee')}>
            <ChoiceField
              id={id('assignee')}
              label={t('pipelines.effects.assignee')}
              options={[
                { value: 'responsible', label: t('pipelines.effects.responsible') },
                ...ROLES.map((r) => ({ value: `role:${r}`, label: t('pipelines.effects.roleQueueOf', { role: t(`roles.${r}`) }) })),
              ]}
              value={assignee}
              error={error(id('assignee'))}
              onChange={(v) => {
                const next: TaskAssignee = v === 'responsible' ? { type: 'responsible' } : { type: 'role', role: v.slice(5) as Role };
                set({ assignee: next }, 'assignee');
              }}
            />
          </Labelled>
          <Labelled label={t('pipelines.effects.due')} htmlFor={id('due_type')}>
            <ChoiceField
              id={id('due_type')}
              label={t('pipelines.effects.due')}
              options={[
                { value: 'in_hours', label: t('pipelines.effects.inHours') },
                ...(dateFields.length ? [{ value: 'days_before_field', label: t('pipelines.effects.daysBefore') }] : []),
              ]}
              value={effect.due.type}
              onChange={(v) => {
                const due: Due =
                  v === 'days_before_field'
                    ? { type: 'days_before_field', field: dateFields[0]?.code ?? '', days: 1 }
                    : { type: 'in_hours', hours: 24 };
                set({ due }, 'due_type');
              }}
            />
          </Labelled>
          {effect.due.type === 'in_hours' ? (
            <NumberInput
              id={id('due_hours')}
              label={t('pipelines.effects.hours')}
              value={effect.due.hours}
              min={1}
              max={8760}
              allowDecimal={false}
              allowNegative={false}
              readOnly={readOnly}
              size="xs"
              error={error(id('due_hours'))}
              onChange={(v) => set({ due: { type: 'in_hours', hours: number(v) } }, 'due_hours')}
            />
          ) : (
            <Group grow gap="xs" align="flex-start">
              <NumberInput
                id={id('due_days')}
                label={t('pipelines.effects.days')}
                value={effect.due.days}
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                readOnly={readOnly}
                size="xs"
                error={error(id('due_days'))}
                onChange={(v) => {
                  const due = effect.due;
                  if (due.type === 'days_before_field') set({ due: { ...due, days: number(v) } }, 'due_days');
                }}
              />
              <Labelled label={t('pipelines.effects.beforeField')} htmlFor={id('due_field')}>
                <ChoiceField
                  id={id('due_field')}
                  label={t('pipelines.effects.beforeField')}
                  options={dateFields.map((f) => ({ value: f.code, label: i18n.language === 'en' ? f.name_en : f.name_ru }))}
                  value={effect.due.field}
                  error={error(id('due_field'))}
                  onChange={(v) => {
                    const due = effect.due;
                    if (due.type === 'days_before_field') set({ due: { ...due, field: v } }, 'due_field');
                  }}
                />
              </Labelled>
            </Group>
          )}
        </SimpleGrid>
        <Checkbox
          id={id('carry_over')}
          label={t('pipelines.effects.carryOver')}
          description={t('pipelines.effects.carryOverHint')}
          checked={effect.carry_over ?? false}
          disabled={readOnly}
          onChange={(e) => set({ carry_over: e.currentTarget.checked }, 'carry_over')}
        />
      </Stack>
    </Paper>
  );
}
