import { ActionIcon, Button, Group, NumberInput, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGE_KINDS } from '../model/catalog';
import type { DraftChange, DraftStage } from '../model/draft';
import { ids } from '../model/errors';
import { moveStage, updateStage, type StagePatch } from '../model/ops';
import { useEditor } from './editorContext';
import { ChoiceField, ColorField, TextField } from './fields';
import { StageDetails } from './StageDetails';


const GROUPS_LIST = 'pipeline-stage-groups';

/** The board's columns in order: code, names, colour, group, kind, «stuck» limit, and details. */
export function StagesTable({
  stages,
  onChange,
  expanded,
  onToggle,
  onRemove,
}: {
  stages: DraftStage[];
  onChange: DraftChange;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const groups = useMemo(() => [...new Set(stages.map((s) => s.group.trim()).filter(Boolean))], [stages]);

  return (
    <Table.ScrollContainer minWidth={1080}>
      <datalist id={GROUPS_LIST}>
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <Table verticalSpacing={6} layout="fixed" aria-label={t('pipelines.editor.stages')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>№</Table.Th>
            <Table.Th w={140}>{t('pipelines.fields.code')}</Table.Th>
            <Table.Th>{t('pipelines.fields.name_ru')}</Table.Th>
            <Table.Th>{t('pipelines.fields.name_en')}</Table.Th>
            <Table.Th w={112}>{t('pipelines.fields.color')}</Table.Th>
            <Table.Th w={110}>{t('pipelines.fields.group')}</Table.Th>
            <Table.Th w={122}>{t('pipelines.fields.kind')}</Table.Th>
            <Table.Th w={84}>{t('pipelines.fields.stuck_after_hours')}</Table.Th>
            <Table.Th w={readOnly ? 96 : 190}>{t('pipelines.editor.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stages.map((s, i) => (
            <StageRow
              key={s.key}
              stage={s}
              index={i}
              last={i === stages.length - 1}
              open={expanded.has(s.key)}
              onChange={onChange}
              onToggle={onToggle}
              onRemove={onRemove}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const COLS = 9;

const StageRow = memo(function StageRow({
  stage: s,
  index: i,
  last,
  open,
  onChange,
  onToggle,
  onRemove,
}: {
  stage: DraftStage;
  index: number;
  last: boolean;
  open: boolean;
  onChange: DraftChange;
  onToggle: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { readOnly, error } = useEditor();
  const rowErrors = error(ids.stage(s.key));
  const label = s.name_ru || s.code || t('pipelines.editor.unnamed');
  const n = i + 1;
  const fieldLabel = (f: keyof StagePatch) => t('pipelines.editor.stageField', { field: t(`pipelines.fields.${f}`), number: n });
  const patch = (p: StagePatch, field: keyof StagePatch) => onChange((d) => updateStage(d, s.key, p), ids.stageField(s.key, field));
  const detailErrors = hasDetailErrors(s, error);

  return (
    <Fragment>
      <Table.Tr
        aria-label={t('pipelines.editor.stageRow', { number: n, name: label })}
        style={rowErrors ? { background: 'var(--mantine-color-red-0)' } : undefined}
      >
        <Table.Td>
          <Text size="sm" c="dimmed">
            {n}
          </Text>
        </Table.Td>
        <Table.Td>
          <TextField
            id={ids.stageField(s.key, 'code')}
            label={fieldLabel('code')}
            value={s.code}
            mono
            maxLength={40}
            error={error(ids.stageField(s.key, 'code'))}
            onChange={(v) => patch({ code: v }, 'code')}
          />
        </Table.Td>
        <Table.Td>
          <TextField
            id={ids.stageField(s.key, 'name_ru')}
            label={fieldLabel('name_ru')}
            value={s.name_ru}
            multiline
            maxLength={100}
            error={error(ids.stageField(s.key, 'name_ru'))}
            onChange={(v) => patch({ name_ru: v }, 'name_ru')}
          />
        </Table.Td>
        <Table.Td>
          <TextField
            id={ids.stageField(s.key, 'name_en')}
            label={fieldLabel('name_en')}
            value={s.name_en}
            multiline
            maxLength={100}
            error={error(ids.stageField(s.key, 'name_en'))}
            onChange={(v) => patch({ name_en: v }, 'name_en')}
          />
        </Table.Td>
        <Table.Td>
          <ColorField
            id={ids.stageField(s.key, 'color')}
            label={fieldLabel('color')}
            pickerLabel={t('pipelines.editor.pickColor', { number: n })}
            value={s.color}
            error={error(ids.stageField(s.key, 'color'))}
            onChange={(v) => patch({ color: v }, 'color')}
          />
        </Table.Td>
        <Table.Td>
          <TextField
            id={ids.stageField(s.key, 'group')}
            label={fieldLabel('group')}
            value={s.group}
            list={GROUPS_LIST}
            maxLength={60}
            error={error(ids.stageField(s.key, 'group'))}
            onChange={(v) => patch({ group: v }, 'group')}
          />
        </Table.Td>
        <Table.Td>
          <ChoiceField
            id={ids.stageField(s.key, 'kind')}
            label={fieldLabel('kind')}
            value={s.kind}
            options={STAGE_KINDS.map((k) => ({ value: k, label: t(`pipelines.stageKinds.${k}`) }))}
            error={error(ids.stageField(s.key, 'kind'))}
            onChange={(v) => patch({ kind: v as DraftStage['kind'] }, 'kind')}
          />
        </Table.Td>
        <Table.Td>
          {readOnly ? (
            <Text size="sm" id={ids.stageField(s.key, 'stuck_after_hours')}>
              {s.stuck_after_hours ?? '—'}
            </Text>
          ) : (
            <NumberInput
              id={ids.stageField(s.key, 'stuck_after_hours')}
              aria-label={fieldLabel('stuck_after_hours')}
              value={s.stuck_after_hours ?? ''}
              min={1}
              max={8760}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              size="xs"
              error={error(ids.stageField(s.key, 'stuck_after_hours'))}
              onChange={(v) =>
                patch({ stuck_after_hours: typeof v === 'number' ? v : v === '' ? null : Number(v) || null }, 'stuck_after_hours')
              }
            />
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-xs"
              variant={open ? 'light' : 'subtle'}
              color={detailErrors ? 'red' : undefined}
              onClick={() => onToggle(s.key)}
              aria-expanded={open}
              aria-controls={`stage-details-${s.key}`}
              aria-label={t('pipelines.editor.detailsLabel', { name: label })}
            >
              {t('pipelines.editor.detailsButton', { checklist: s.checklist.length, effects: s.on_enter.length })}
            </Button>
            {!readOnly && (
              <Group gap={0} wrap="nowrap">
                <Tooltip label={t('pipelines.editor.moveUp')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={i === 0}
                    aria-label={t('pipelines.editor.moveUpLabel', { name: label })}
                    onClick={() => onChange((d) => moveStage(d, s.key, -1))}
                  >
                    ↑
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('pipelines.editor.moveDown')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={last}
                    aria-label={t('pipelines.editor.moveDownLabel', { name: label })}
                    onClick={() => onChange((d) => moveStage(d, s.key, 1))}
                  >
                    ↓
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('pipelines.editor.removeStage')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('pipelines.editor.removeStageLabel', { name: label })}
                    onClick={() => onRemove(s.key)}
                  >
                    ✕
                  </ActionIcon>
                </Tooltip>
              </Group>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {rowErrors && (
        <Table.Tr>
          <Table.Td colSpan={COLS} pt={0}>
            <Text id={ids.stage(s.key)} size="sm" c="red.7" role="alert">
              {rowErrors}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
      {open && (
        <Table.Tr>
          <Table.Td colSpan={COLS} bg="gray.0" id={`stage-details-${s.key}`}>
            <StageDetails stage={s} onChange={onChange} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
});

function hasDetailErrors(s: DraftStage, error: (id: string) => string | undefined): boolean {
  return (
    !!error(ids.stageField(s.key, 'checklist')) ||
    !!error(ids.stageField(s.key, 'on_enter')) ||
    s.checklist.some((i) => ['code', 'name_ru', 'name_en'].some((f) => error(ids.item(i.key, f)))) ||
    s.on_enter.some((e) =>
      ['request', 'code', 'title_ru', 'title_en', 'assignee', 'due_hours', 'due_field', 'due_days'].some((f) => error(ids.effect(e.key, f))),
    )
  );
}
