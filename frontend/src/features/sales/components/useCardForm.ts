// The editable fields of a lead or deal card. Edits are saved with the card's version; when the
// card changes on the server (a move, a tick, a colleague), fresh values come in for every field
// the person is not editing, so nothing typed is lost — also after a 409.
import { useForm, type FormValidateInput } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { salesKeys, updateDeal, updateLead, type CardDetail, type CardKind, type DealPatch, type LeadPatch } from '../api/sales';

type Values = Record<string, string | boolean | null>;

/** Takes the server's values for every field whose value is still what the server had before. */
export function mergeFresh<V extends Values>(current: V, before: V, fresh: V): V {
  const out = { ...fresh };
  for (const k of Object.keys(fresh) as (keyof V)[]) if (current[k] !== before[k]) out[k] = current[k];
  return out;
}

export function useCardForm<D extends CardDetail, V extends Values>({
  kind,
  detail,
  toValues,
  toPatch,
  validate,
}: {
  kind: CardKind;
  detail: D;
  toValues: (d: D) => V;
  /** The changed fields as a PATCH body (without the version). */
  toPatch: (values: V, base: V) => Omit<LeadPatch & DealPatch, 'version'>;
  validate?: FormValidateInput<V>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<V>({ initialValues: toValues(detail), validate });
  const base = useRef<V>(toValues(detail));
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);

  useEffect(() => {
    const fresh = toValues(detail);
    const merged = mergeFresh(form.getValues(), base.current, fresh);
    base.current = fresh;
    form.setValues(merged);
    form.resetDirty(fresh);
    // Only a new version of the card brings new values.
  }, [detail.id, detail.version]);

  const latest = () => queryClient.getQueryData<D>(salesKeys.card(kind, detail.id)) ?? detail;

  const mutation = useMutation({
    mutationFn: (values: V): Promise<CardDetail> => {
      const body = { ...toPatch(values, base.current), version: latest().version };
      return kind === 'lead' ? updateLead(detail.id, body) : updateDeal(detail.id, body);
    },
    onSuccess: (d) => {
      setConflict(false);
      setUnplaced(null);
      // What was saved is now the server's value (possibly normalised, e.g. a phone number).
      const fresh = toValues(d as D);
      base.current = fresh;
      form.setValues(fresh);
      form.resetDirty(fresh);
      queryClient.setQueryData(salesKeys.card(kind, d.id), d);
      void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, d.id) });
      void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
      void queryClient.invalidateQueries({ queryKey: salesKeys.lists() });
      notifySuccess(t('sales.card.saved'));
    },
    onError: (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'version_conflict') {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: salesKeys.card(kind, detail.id) });
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  /** Saves unsaved edits first; the card as it now is, or null when saving failed. */
  const saveIfDirty = async (): Promise<CardDetail | null> => {
    if (!form.isDirty()) return latest();
    if (form.validate().hasErrors) return null;
    try {
      return await mutation.mutateAsync(form.getValues());
    } catch {
      return null;
    }
  };

  const showError = mutation.isError && !conflict;
  return { form, mutation, conflict, unplaced, showError, saveIfDirty, dirty: form.isDirty() };
}
