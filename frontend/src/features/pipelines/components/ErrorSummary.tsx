import { Alert, Anchor, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../model/draft';
import type { PlacedError } from '../model/errors';

/** Every problem of the last save, each a link to its input. */
export function ErrorSummary({ errors, draft, onGo }: { errors: PlacedError[]; draft: Draft; onGo: (e: PlacedError) => void }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;

  const where = (e: PlacedError): string => {
    const field = e.field ? fieldName(e.field) : '';
    if (e.place.type === 'stage') {
      const key = e.place.key;
      const index = draft.stages.findIndex((s) => s.key === key);
      const stage = draft.stages[index];
      const name = stage ? stage.name_ru || stage.code || t('pipelines.editor.unnamed') : e.place.name;
      return t('pipelines.errors.atStage', { number: index >= 0 ? index + 1 : e.place.index + 1, name }) + (field ? ` · ${field}` : '');
    }
    if (e.place.type === 'transition') {
      const key = e.place.key;
      const index = draft.transitions.findIndex((x) => x.key === key);
      return t('pipelines.errors.atTransition', { number: index >= 0 ? index + 1 : e.place.index + 1 }) + (field ? ` · ${field}` : '');
    }
    return field || t('pipelines.errors.atPipeline');
  };

  function fieldName(field: string): string {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const known: Record<string, string> = {
      code: t('pipelines.fields.code'),
      name_ru: t('pipelines.fields.name_ru'),
      name_en: t('pipelines.fields.name_en'),
      color: t('pipelines.fields.color'),
      group: t('pipelines.fields.group'),
      kind: t('pipelines.fields.kind'),
      stuck_after_hours: t('pipelines.fields.stuck_after_hours'),
      from: t('pipelines.fields.from'),
      to: t('pipelines.fields.to'),
      manual: t('pipelines.fields.manual'),
      auto_on: t('pipelines.fields.auto_on'),
      guard: t('pipelines.fields.guards'),
      checklist: t('pipelines.editor.checklist'),
      on_enter: t('pipelines.editor.onEnter'),
      effect: t('pipelines.editor.onEnter'),
    };
    const first = known[head] ?? head;
    return tail ? `${first}: ${known[tail] ?? t('pipelines.fields.detail')}` : first;
  }

  return (
    <Alert color="red" title={t('pipelines.errors.title', { count: errors.length })} role="alert" id="pipeline-errors">
      <List size="sm" spacing={4}>
        {errors.map((e, i) => (
          <List.Item key={`${e.path}-${e.code}-${i}`}>
            <Anchor component="button" type="button" size="sm" onClick={() => onGo(e)} fw={500}>
              {where(e)}
            </Anchor>
            {' — '}
            {e.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
