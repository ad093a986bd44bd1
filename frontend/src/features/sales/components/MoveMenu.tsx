import { ActionIcon, Box, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PipelineDefinition } from '../api/sales';
import { dropTargets, findStage, stageName } from '../model/pipeline';
import { useLang } from './common';

/**
 * «Переместить»: the stages the definition lets this card go to — the keyboard (and test)
 * alternative to dragging. The server still decides; a refusal says why.
 */
export function MoveMenu({
  def,
  title,
  stage,
  disabled,
  onMove,
}: {
  def: PipelineDefinition;
  title: string;
  stage: string;
  disabled?: boolean;
  onMove: (to: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const targets = dropTargets(def, stage);
  if (targets.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          disabled={disabled}
          aria-label={t('sales.board.moveLabel', { title })}
          title={t('sales.board.move')}
          // Never squeezed by a long title beside it.
          style={{ flexShrink: 0 }}
          // Keep the press from starting a drag of the card underneath.
          onPointerDown={(e) => e.stopPropagation()}
        >
          <span aria-hidden style={{ fontSize: 16, lineHeight: 1 }}>
            ⋮
          </span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('sales.board.moveTo')}</Menu.Label>
        {targets.map((code) => {
          const s = findStage(def, code);
          return (
            <Menu.Item
              key={code}
              color={s?.kind === 'lost' ? 'red' : undefined}
              leftSection={<Box w={10} h={10} style={{ borderRadius: 2, background: s?.color ?? 'gray' }} aria-hidden />}
              onClick={() => onMove(code)}
            >
              {s ? stageName(s, lang) : code}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
