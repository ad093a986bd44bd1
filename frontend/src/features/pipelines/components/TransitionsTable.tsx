import { ActionIcon, Button, Group, Menu, MultiSelect, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/api/types';
import type { RequestKind } from '../api/pipelines';
import { useCardFields } from '../api/pipelines';
import { REQUEST_KINDS } from '../model/catalog';
import { ANY_STAGE, GUARD_TYPES, newKey, type DraftChange, type DraftGuard, type DraftStage, type DraftTransition } from '../model/draft';
import { ids } from '../model/errors';
import { addGuard, removeGuard, removeTransition, updateGuard, updateTransition } from '../model/ops';
import { useEditor } from './editorContext';
import { ChoiceField, type Choice } from './fields';
import { focusSoon } from './StageDetails';

interface ItemGroup {
  group: string;
  items: Choice[];
}

interface Options {
  stages: Choice[];
  from: Choice[];
  facts: Choice[];
  items: ItemGroup[];
}

/** The table of allowed moves: from, to, by hand or by a recorded fact, and the conditions. */
/** The deal facts the documents, the money and the production orders record, and their labels. */
const OTHER_DEAL_FACTS = [
  ['documents:offer_sent', 'pipelines.facts.documents_offer_sent'],
  ['documents:prepared', 'pipelines.facts.documents_prepared'],
  ['documents:sent', 'pipelines.facts.documents_sent'],
  ['documents:signed', 'pipelines.facts.documents_signed'],
  ['finance:shipped_unpaid', 'pipelines.facts.finance_shipped_unpaid'],
  ['finance:settled', 'pipelines.facts.finance_settled'],
  ['production:order_assigned', 'pipelines.facts.production_order_assigned'],
  ['production:order_accepted', 'pipelines.facts.production_order_accepted'],
] as const;

export function TransitionsTable({
  stages,
  transitions,
  onChange,
}: {
  stages: DraftStage[];
  transitions: DraftTransition[];
  onChange: DraftChange;
}) {
  const { t, i18n } = useTranslation();
  const { readOnly, kind } = useEditor();
  const en = i18n.language === 'en';

  // Rebuilt only when the stages change, so editing one transition re-renders only its row.
  const options = useMemo((): Options => {
    const name = (s: { name_ru: string; name_en: string; code: string }) =>
      (en ? s.name_en : s.name_ru) || s.name_ru || s.code || t('pipelines.editor.unnamed');
    const stageChoices = stages.map((s, i) => ({ value: s.key, label: `${i + 1}. ${name(s)}` }));
    const facts: Choice[] = [];
    if (kind === 'deal') {
      facts.push({ value: 'payment_received', label: t('pipelines.facts.payment_received') });
      for (const r of REQUEST_KINDS) facts.push({ value: `request_completed:${r}`, label: t(`pipelines.facts.request_completed_${r}`) });
      // What the documents, the money and the production orders came to (issues 10–12).
      for (const [value, label] of OTHER_DEAL_FACTS) facts.push({ value, label: t(label) });
    }
    for (const s of stages)
      for (const e of s.on_enter)
        if (e.type === 'create_task')
          facts.push({
            value: `task:${e.key}`,
            label: t('pipelines.facts.task_completed', { title: (en ? e.title_en : e.title_ru) || e.title_ru || e.code }),
          });
    return {
      stages: stageChoices,
      from: [{ value: ANY_STAGE, label: t('pipelines.editor.anyOpen') }, ...stageChoices],
      facts,
      items: stages
        .filter((s) => s.checklist.length > 0)
        .map((s) => ({ group: name(s), items: s.checklist.map((i) => ({ value: i.key, label: (en ? i.name_en : i.name_ru) || i.name_ru || i.code || '—' })) })),
    };
  }, [stages, kind, en, t]);

  if (transitions.length === 0) return <Text c="dimmed">{t('pipelines.editor.noTransitions')}</Text>;

  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing={6} layout="fixed" aria-label={t('pipelines.editor.transitions')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>№</Table.Th>
            <Table.Th w={200}>{t('pipelines.fields.from')}</Table.Th>
            <Table.Th w={200}>{t('pipelines.fields.to')}</Table.Th>
            <Table.Th w={72}>{t('pipelines.fields.manual')}</Table.Th>
            <Table.Th w={200}>{t('pipelines.fields.auto_on')}</Table.Th>
            <Table.Th>{t('pipelines.fields.guards')}</Table.Th>
            {!readOnly && <Table.Th w={44} aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {transitions.map((tr, i) => (
            <TransitionRow key={tr.key} transition={tr} index={i} options={options} onChange={onChange} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const TransitionRow = memo(function TransitionRow({
  transition: tr,
  index: i,
  options,
  onChange,
}: {
  transition: DraftTransition;
  index: number;
  options: Options;
  onChange: DraftChange;
}) {
  const { t } = useTranslation();
  const { readOnly, error, kind } = useEditor();
  const n = i + 1;
  const stageName = (ref: string) => options.from.find((o) => o.value === ref)?.label ?? ref;
  const label = t('pipelines.editor.transitionLabel', { number: n, from: stageName(tr.from), to: tr.to ? stageName(tr.to) : '…' });
  const rowErrors = error(ids.transition(tr.key));
  const fieldLabel = (f: 'from' | 'to' | 'manual' | 'auto_on') => t('pipelines.editor.transitionField', { field: t(`pipelines.fields.${f}`), number: n });
  const set = (patch: Partial<Omit<DraftTransition, 'key' | 'guards'>>, field: string) =>
    onChange((d) => updateTransition(d, tr.key, patch), ids.transitionField(tr.key, field));
  const cols = readOnly ? 6 : 7;

  return (
    <Fragment>
      <Table.Tr aria-label={label} style={rowErrors ? { background: 'var(--mantine-color-red-0)' } : undefined}>
        <Table.Td>
          <Text size="sm" c="dimmed">
            {n}
          </Text>
        </Table.Td>
        <Table.Td>
          <ChoiceField
            id={ids.transitionField(tr.key, 'from')}
            label={fieldLabel('from')}
            options={options.from}
            value={tr.from}
            error={error(ids.transitionField(tr.key, 'from'))}
            onChange={(v) => set({ from: v }, 'from')}
          />
        </Table.Td>
        <Table.Td>
          <ChoiceField
            id={ids.transitionField(tr.key, 'to')}
            label={fieldLabel('to')}
            options={options.stages}
            value={tr.to}
            placeholder={tr.to ? undefined : t('pipelines.editor.chooseStage')}
            error={error(ids.transitionField(tr.key, 'to'))}
            onChange={(v) => v && set({ to: v }, 'to')}
          />
        </Table.Td>
        <Table.Td>
          {readOnly ? (
            <Text size="sm" id={ids.transitionField(tr.key, 'manual')}>
              {tr.manual ? t('pipelines.editor.yes') : t('pipelines.editor.no')}
            </Text>
          ) : (
            <Switch
              id={ids.transitionField(tr.key, 'manual')}
              aria-label={fieldLabel('manual')}
              checked={tr.manual}
              error={error(ids.transitionField(tr.key, 'manual'))}
              onChange={(e) => set({ manual: e.currentTarget.checked }, 'manual')}
            />
          )}
        </Table.Td>
        <Table.Td>
          <ChoiceField
            id={ids.transitionField(tr.key, 'auto_on')}
            label={fieldLabel('auto_on')}
            options={options.facts}
            value={tr.auto_on ?? ''}
            placeholder={t('pipelines.editor.noFact')}
            error={error(ids.transitionField(tr.key, 'auto_on'))}
            onChange={(v) => set(v ? { auto_on: v } : { auto_on: null, manual: true }, 'auto_on')}
          />
        </Table.Td>
        <Table.Td>
          <Stack gap={6}>
            {tr.guards.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('pipelines.editor.noGuards')}
              </Text>
            )}
            {tr.guards.map((g) => (
              <GuardEditor
                key={g.key}
                guard={g}
                itemOptions={options.items}
                transitionNumber={n}
                onChange={(next) => onChange((d) => updateGuard(d, tr.key, next), ids.guard(g.key))}
                onRemove={() => onChange((d) => removeGuard(d, tr.key, g.key), ids.guard(g.key))}
              />
            ))}
            {!readOnly && (
              <Menu position="bottom-start">
                <Menu.Target>
                  <Button size="compact-xs" variant="subtle" w="fit-content" aria-label={t('pipelines.editor.addGuardLabel', { number: n })}>
                    {t('pipelines.editor.addGuard')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {GUARD_TYPES.filter((g) => kind === 'deal' || g !== 'request_completed').map((g) => (
                    <Menu.Item
                      key={g}
                      onClick={() => {
                        const key = newKey();
                        onChange((d) => addGuard(d, tr.key, g, key).draft);
                        focusSoon(ids.guard(key));
                      }}
                    >
                      {t(`pipelines.guards.${g}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Stack>
        </Table.Td>
        {!readOnly && (
          <Table.Td>
            <Tooltip label={t('pipelines.editor.removeTransition')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('pipelines.editor.removeTransitionLabel', { label })}
                onClick={() => onChange((d) => removeTransition(d, tr.key))}
              >
                ✕
              </ActionIcon>
            </Tooltip>
          </Table.Td>
        )}
      </Table.Tr>
      {rowErrors && (
        <Table.Tr>
          <Table.Td colSpan={cols} pt={0}>
            <Text id={ids.transition(tr.key)} size="sm" c="red.7" role="alert">
              {rowErrors}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
});

function GuardEditor({
  guard,
  itemOptions,
  transitionNumber,
  onChange,
  onRemove,
}: {
  guard: DraftGuard;
  itemOptions: ItemGroup[];
  transitionNumber: number;
  onChange: (g: DraftGuard) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { readOnly, error, kind } = useEditor();
  const id = ids.guard(guard.key);
  const label = t(`pipelines.guards.${guard.type}`);
  const ariaLabel = t('pipelines.editor.guardLabel', { guard: label, number: transitionNumber });
  const fieldOptions = useCardFields(kind).map((f) => ({ value: f.code, label: i18n.language === 'en' ? f.name_en : f.name_ru }));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const requestOptions = REQUEST_KINDS.map((r) => ({ value: r, label: t(`pipelines.requestKinds.${r}`) }));

  const values: string[] =
    guard.type === 'roles' ? guard.roles : guard.type === 'checklist' ? guard.items : guard.type === 'request_completed' ? [guard.request] : guard.fields;
  const flat = [...roleOptions, ...fieldOptions, ...requestOptions, ...itemOptions.flatMap((g) => g.items)];
  const multi = (data: Choice[] | ItemGroup[], change: (v: string[]) => DraftGuard, searchable = false) => {
    const known = new Set(data.flatMap((d) => ('items' in d ? d.items.map((o) => o.value) : [d.value])));
    const unknown = values.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }));
    return (
      <MultiSelect
        id={id}
        aria-label={ariaLabel}
        size="xs"
        style={{ flex: 1 }}
        data={unknown.length ? [...data, ...unknown] : data}
        value={values}
        searchable={searchable}
        nothingFoundMessage={t('pipelines.editor.noItems')}
        error={error(id)}
        onChange={(v) => onChange(change(v))}
      />
    );
  };

  let input: React.ReactNode;
  if (readOnly) {
    input = (
      <Text id={id} size="sm" aria-label={ariaLabel} style={{ flex: 1 }}>
        {values.map((v) => flat.find((o) => o.value === v)?.label ?? v).join(', ')}
      </Text>
    );
  } else if (guard.type === 'roles') {
    input = multi(roleOptions, (v) => ({ ...guard, roles: v as Role[] }));
  } else if (guard.type === 'checklist') {
    input = multi(itemOptions, (v) => ({ ...guard, items: v }), true);
  } else if (guard.type === 'fields' || guard.type === 'any_field') {
    input = multi(fieldOptions, (v) => ({ ...guard, fields: v }));
  } else {
    input = (
      <div style={{ flex: 1 }}>
        <ChoiceField
          id={id}
          label={ariaLabel}
          options={requestOptions}
          value={guard.request}
          error={error(id)}
          onChange={(v) => onChange({ ...guard, request: v as RequestKind })}
        />
      </div>
    );
  }

  return (
    <Group gap={6} align="flex-start" wrap="nowrap">
      <Text size="xs" w={84} pt={readOnly ? 2 : 6} c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      {input}
      {!readOnly && (
        <ActionIcon variant="subtle" color="gray" mt={2} aria-label={t('pipelines.editor.removeGuard', { guard: label, number: transitionNumber })} onClick={onRemove}>
          ✕
        </ActionIcon>
      )}
    </Group>
  );
}
