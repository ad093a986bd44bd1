// Moving a card, the same way from the board (drag and drop, «Переместить» menu) and from the
// card («Следующие шаги»): optimistic on every board in the cache, then POST move with the version
// the person saw; a refusal snaps back and says which guard failed. A lost stage asks for the
// reason first; a lead's won stage is its conversion, which asks for the deal's details.
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { notifySuccess } from '../../../shared/ui/notify';
import {
  convertLead,
  moveCard,
  salesKeys,
  type Board,
  type CardKind,
  type ConvertBody,
  type DealDetail,
  type LossInput,
  type Pipeline,
} from '../api/sales';
import { boardAfterMove, findStage, stageName } from '../model/pipeline';
import { useLang } from './common';
import { ConvertDialog } from './ConvertDialog';
import { notifyMoveProblem } from './guards';
import { LossDialog } from './LossDialog';

export interface MovableCard {
  id: string;
  number: number;
  title: string;
  stage: string;
  version: number;
  expected_revenue?: string | null;
}

type Dialog = { mode: 'loss' | 'convert'; card: MovableCard; to: string };

const isLossFieldError = (e: unknown) =>
  e instanceof ApiProblem && e.errors.some((x) => x.field.startsWith('loss.'));

export function useMoveFlow({
  kind,
  pipeline,
  onConverted,
}: {
  kind: CardKind;
  pipeline: Pipeline | undefined;
  /** After a conversion; by default a notification offers to open the deal. */
  onConverted?: (deal: DealDetail) => void;
}): { move: (card: MovableCard, to: string) => void; movingId: string | null; dialogs: ReactNode } {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [movingId, setMovingId] = useState<string | null>(null);
  const def = pipeline?.definition;

  const refresh = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
    void queryClient.invalidateQueries({ queryKey: salesKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: salesKeys.card(kind, id) });
    void queryClient.invalidateQueries({ queryKey: salesKeys.tasks(id) });
  };

  const perform = async (card: MovableCard, to: string, loss?: LossInput) => {
    if (!def) return;
    setMovingId(card.id);
    await queryClient.cancelQueries({ queryKey: salesKeys.boards() });
    const snapshots = queryClient.getQueriesData<Board>({ queryKey: salesKeys.boards() });
    for (const [key, board] of snapshots) {
      const next = board ? boardAfterMove(board, def, card.id, to) : null;
      if (next) queryClient.setQueryData(key, next);
    }
    try {
      const detail = await moveCard(kind, card.id, { to, version: card.version, loss: loss ?? null });
      queryClient.setQueryData(salesKeys.card(kind, detail.id), detail);
      const stage = findStage(def, detail.stage);
      notifySuccess(
        t('sales.board.moved', { number: card.number, title: card.title, stage: stage ? stageName(stage, lang) : detail.stage_name }),
      );
    } catch (error) {
      for (const [key, board] of snapshots) queryClient.setQueryData<Board>(key as QueryKey, board);
      if (!isLossFieldError(error)) notifyMoveProblem(error, { def, kind, card, to });
      throw error;
    } finally {
      setMovingId(null);
      refresh(card.id);
    }
  };

  const move = (card: MovableCard, to: string) => {
    if (!def) return;
    const stage = findStage(def, to);
    if (stage?.kind === 'lost') setDialog({ mode: 'loss', card, to });
    else if (kind === 'lead' && stage?.kind === 'won') setDialog({ mode: 'convert', card, to });
    else perform(card, to).catch(() => undefined);
  };

  const close = () => setDialog(null);

  const submitLoss = async (loss: LossInput) => {
    if (!dialog) return;
    try {
      await perform(dialog.card, dialog.to, loss);
      close();
    } catch (error) {
      if (!isLossFieldError(error)) close();
      throw error;
    }
  };

  const showConverted = (deal: DealDetail) =>
    notifications.show({
      color: 'green',
      autoClose: 10_000,
      message: (
        <Stack gap={4} align="flex-start">
          <Text size="sm">{t('sales.convert.done', { number: deal.number })}</Text>
          <Button size="compact-sm" variant="light" onClick={() => void navigate(`/deals/${deal.id}`)}>
            {t('sales.convert.openDeal', { number: deal.number })}
          </Button>
        </Stack>
      ),
    });

  const submitConvert = async (body: Omit<ConvertBody, 'version'>) => {
    if (!dialog || !def) return;
    const { card, to } = dialog;
    try {
      const result = await convertLead(card.id, { ...body, version: card.version });
      queryClient.setQueryData(salesKeys.card('lead', result.lead.id), result.lead);
      queryClient.setQueryData(salesKeys.card('deal', result.deal.id), result.deal);
      close();
      (onConverted ?? showConverted)(result.deal);
    } catch (error) {
      const shownInDialog =
        error instanceof ApiProblem && (error.code === 'transition_refused' || error.code === 'validation_failed');
      if (!shownInDialog) {
        notifyMoveProblem(error, { def, kind, card, to });
        close();
      }
      throw error;
    } finally {
      refresh(card.id);
      void queryClient.invalidateQueries({ queryKey: salesKeys.cards() });
    }
  };

  const dialogs = def ? (
    <>
      <LossDialog
        opened={dialog?.mode === 'loss'}
        card={dialog?.card ?? null}
        onClose={close}
        onSubmit={submitLoss}
      />
      <ConvertDialog
        opened={dialog?.mode === 'convert'}
        lead={dialog?.card ?? null}
        leadDefinition={def}
        onClose={close}
        onSubmit={submitConvert}
      />
    </>
  ) : null;

  return { move, movingId, dialogs };
}
