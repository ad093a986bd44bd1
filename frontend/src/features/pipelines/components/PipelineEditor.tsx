import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate } from 'react-router';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { i18n as i18next } from '../../../shared/i18n';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  createPipeline,
  pipelineKeys,
  pipelineQuery,
  updatePipeline,
  type Pipeline,
  type PipelineDefinition,
  type PipelineKind,
} from '../api/pipelines';
import { fromDefinition, newKey, toDefinition, type Draft, type DraftChange, type DraftStage } from '../model/draft';
import { ids, mapDefinitionErrors, withoutId, type MappedErrors, type PlacedError } from '../model/errors';
import { addStage, addTransition, removeStage, transitionsOfStage } from '../model/ops';
import { BoardPreview } from './BoardPreview';
import { EditorContext, MONO, type EditorContextValue } from './editorContext';
import { ErrorSummary } from './ErrorSummary';
import { focusSoon } from './StageDetails';
import { StagesTable } from './StagesTable';
import { TransitionsTable } from './TransitionsTable';

interface Header {
  code: string;
  name_ru: string;
  name_en: string;
}

export interface EditorInit {
  header: Header;
  definition: PipelineDefinition;
}

const NO_ERRORS: MappedErrors = { byId: {}, list: [] };

/** The server's Russian message in Russian; a translation of its code otherwise. */
function errorText(e: FieldError): string {
  if (i18next.language !== 'ru') {
    const key = `pipelines.errorCodes.${e.code}`;
    if (i18next.exists(key)) return String((i18next.t as unknown as (k: string) => unknown)(key));
  }
  return fieldErrorMessage(e);
}

const snapshot = (header: Header, draft: Draft) => JSON.stringify({ header, definition: toDefinition(draft) });

/**
 * Edits a pipeline: its names, the stages (board columns) with checklists and what entering them
 * does, and the transition table with its guards; saves with the version it was loaded at and puts
 * the API's objections next to the inputs they are about. Built-in pipelines open read-only.
 */
export function PipelineEditor({
  mode,
  kind,
  init,
  pipeline,
  onCopy,
}: {
  mode: 'new' | 'edit';
  kind: PipelineKind;
  init: EditorInit;
  pipeline?: Pipeline;
  onCopy?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const readOnly = !!pipeline?.is_builtin;

  const [header, setHeader] = useState<Header>(init.header);
  const [draft, setDraft] = useState<Draft>(() => fromDefinition(init.definition));
  // A pipeline not saved yet is unsaved work from the start.
  const [baseline, setBaseline] = useState<string>(() => (mode === 'new' ? '' : snapshot(init.header, fromDefinition(init.definition))));
  const [errors, setErrors] = useState<MappedErrors>(NO_ERRORS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState(false);
  const [removing, setRemoving] = useState<{ stage: DraftStage; transitions: number } | null>(null);
  const version = useRef(pipeline?.version ?? 0);
  const leaving = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Typing stays quick: the transitions table, the preview and the «unsaved» mark follow a beat later.
  const deferred = useDeferredValue(draft);
  const current = useMemo(() => snapshot(header, deferred), [header, deferred]);
  const dirty = !readOnly && current !== baseline;

  // ---------- leaving with unsaved changes ----------
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // ---------- editing ----------
  // Stable callbacks and context: editing one row re-renders that row, not the whole table.
  const touch = useCallback((id: string) => setErrors((e) => withoutId(e, id)), []);
  const change: DraftChange = useCallback(
    (f, touched) => {
      setDraft((d) => f(d));
      if (touched) touch(touched);
    },
    [touch],
  );
  const context: EditorContextValue = useMemo(
    () => ({ kind, readOnly, error: (id: string) => errors.byId[id]?.join('; '), touch }),
    [kind, readOnly, errors, touch],
  );
  const setHeaderField = (field: keyof Header, value: string) => {
    setHeader((h) => ({ ...h, [field]: value }));
    touch(ids.pipeline(field));
  };
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const toggleDetails = useCallback(
    (key: string) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  /** Removes a stage; asks first when something goes with it or the admin has filled it in. */
  const askRemoveStage = useCallback(
    (key: string) => {
      const d = draftRef.current;
      const stage = d.stages.find((s) => s.key === key);
      if (!stage) return;
      const transitions = transitionsOfStage(d, key).length;
      const blank = transitions === 0 && !stage.code && !stage.name_ru && stage.checklist.length === 0 && stage.on_enter.length === 0;
      if (blank) change((x) => removeStage(x, key));
      else setRemoving({ stage, transitions });
    },
    [change],
  );

  // ---------- saving ----------
  const save = useMutation({
    mutationFn: ({ sent, head }: { sent: Draft; head: Header }) => {
      const definition = toDefinition(sent);
      return mode === 'new'
        ? createPipeline({ code: head.code.trim(), name_ru: head.name_ru, name_en: head.name_en, definition })
        : updatePipeline(pipeline!.id, { version: version.current, name_ru: head.name_ru, name_en: head.name_en, definition });
    },
    onSuccess: (saved, { sent, head }) => {
      queryClient.setQueryData(pipelineKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
      setErrors(NO_ERRORS);
      setConflict(false);
      if (mode === 'new') {
        notifySuccess(t('pipelines.editor.created', { name: saved.name_ru }));
        leaving.current = true;
        void navigate(`/admin/pipelines/${saved.id}`, { replace: true });
        return;
      }
      version.current = saved.version;
      setBaseline(snapshot(head, sent));
      notifySuccess(t('pipelines.editor.saved'));
    },
    onError: (e, { sent }) => {
      if (e instanceof ApiProblem && e.code === 'version_conflict') {
        setConflict(true);
        return;
      }
      if (e instanceof ApiProblem && e.code === 'validation_failed') {
        const mapped = mapDefinitionErrors(e.errors, sent, errorText);
        setErrors(mapped);
        const withDetails = mapped.list.flatMap((x) => (x.detailsOf ? [x.detailsOf] : []));
        if (withDetails.length) setExpanded((s) => new Set([...s, ...withDetails]));
        window.setTimeout(() => summaryRef.current?.focus(), 50);
      }
    },
  });
  const submit = () => {
    if (readOnly || save.isPending) return;
    save.mutate({ sent: draft, head: header });
  };
  useHotkeys([['mod+S', submit]], []);

  /** Someone else saved first: take their version, or save ours over it. */
  const reload = async (keepMine: boolean) => {
    if (!pipeline) return;
    const fresh = await queryClient.fetchQuery({ ...pipelineQuery(pipeline.id), staleTime: 0 });
    version.current = fresh.version;
    setConflict(false);
    if (keepMine) {
      save.mutate({ sent: draft, head: header });
      return;
    }
    const h = { code: fresh.code, name_ru: fresh.name_ru, name_en: fresh.name_en };
    const d = fromDefinition(fresh.definition);
    setHeader(h);
    setDraft(d);
    setBaseline(snapshot(h, d));
    setErrors(NO_ERRORS);
  };

  const goTo = (e: PlacedError) => {
    if (e.detailsOf) setExpanded((s) => new Set([...s, e.detailsOf!]));
    window.setTimeout(() => {
      const el = document.getElementById(e.id);
      if (!el) return;
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (el.matches('input, textarea, select, button')) el.focus();
      else {
        // A row's message: focus the first input of the row above it.
        const row = el.closest('tr')?.previousElementSibling;
        row?.querySelector<HTMLElement>('input:not([type=hidden]), button')?.focus();
      }
    }, 60);
  };

  const generalError = errors.byId[ids.general];
  const problem = save.isError && !(save.error instanceof ApiProblem && ['version_conflict', 'validation_failed'].includes(save.error.code));
  const title = header.name_ru.trim() || t('pipelines.editor.untitled');

  return (
    <EditorContext.Provider value={context}>
      <Stack>
        <Anchor component={Link} to="/admin/pipelines" size="sm">
          ← {t('pipelines.title')}
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1} size="h2">
              {title}
            </Title>
            <Group gap="xs">
              <Badge variant="light">{t(`pipelines.kinds.${kind}`)}</Badge>
              {pipeline?.is_builtin && (
                <Badge variant="light" color="gray">
                  {t('pipelines.builtin')}
                </Badge>
              )}
              {pipeline && !pipeline.is_active && (
                <Badge variant="light" color="orange">
                  {t('pipelines.off')}
                </Badge>
              )}
              {mode === 'new' && (
                <Badge variant="light" color="yellow">
                  {t('pipelines.editor.notSaved')}
                </Badge>
              )}
              {mode === 'edit' && dirty && (
                <Badge variant="light" color="yellow">
                  {t('pipelines.editor.unsaved')}
                </Badge>
              )}
            </Group>
          </Stack>
          {readOnly ? (
            <Button onClick={onCopy}>{t('pipelines.editor.createFrom')}</Button>
          ) : (
            <SaveButton loading={save.isPending} disabled={mode === 'edit' && !dirty} onClick={submit} />
          )}
        </Group>

        {readOnly && (
          <Alert color="blue" variant="light" title={t('pipelines.editor.readOnlyTitle')}>
            {t('pipelines.editor.readOnlyText')}
          </Alert>
        )}
        {conflict && (
          <Alert color="orange" role="alert" title={t('pipelines.editor.conflictTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('pipelines.editor.conflictText')}</Text>
              <Group gap="xs">
                <Button size="xs" variant="white" color="orange" onClick={() => void reload(false)}>
                  {t('pipelines.editor.conflictReload')}
                </Button>
                <Button size="xs" color="orange" onClick={() => void reload(true)}>
                  {t('pipelines.editor.conflictOverwrite')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {problem && <ProblemAlert error={save.error} />}
        <div ref={summaryRef} tabIndex={-1} style={{ outline: 'none' }}>
          <ErrorSummary errors={errors.list} draft={draft} onGo={goTo} />
        </div>

        <Section title={t('pipelines.editor.main')}>
          <Group grow align="flex-start">
            {mode === 'new' ? (
              <TextInput
                id={ids.pipeline('code')}
                label={t('pipelines.new.code')}
                description={t('pipelines.new.codeHint')}
                required
                styles={MONO}
                maxLength={40}
                value={header.code}
                error={context.error(ids.pipeline('code'))}
                onChange={(e) => setHeaderField('code', e.currentTarget.value)}
              />
            ) : (
              <TextInput label={t('pipelines.new.code')} value={header.code} readOnly styles={MONO} description={t('pipelines.editor.codeFixed')} />
            )}
            <TextInput
              id={ids.pipeline('name_ru')}
              label={t('pipelines.new.nameRu')}
              required
              maxLength={100}
              readOnly={readOnly}
              value={header.name_ru}
              error={context.error(ids.pipeline('name_ru'))}
              onChange={(e) => setHeaderField('name_ru', e.currentTarget.value)}
            />
            <TextInput
              id={ids.pipeline('name_en')}
              label={t('pipelines.new.nameEn')}
              required
              maxLength={100}
              readOnly={readOnly}
              value={header.name_en}
              error={context.error(ids.pipeline('name_en'))}
              onChange={(e) => setHeaderField('name_en', e.currentTarget.value)}
            />
          </Group>
        </Section>

        <Section title={t('pipelines.editor.stages')} hint={t('pipelines.editor.stagesHint')}>
          {generalError && (
            <Text id={ids.general} c="red.7" size="sm" role="alert">
              {generalError.join('; ')}
            </Text>
          )}
          <StagesTable stages={draft.stages} onChange={change} expanded={expanded} onToggle={toggleDetails} onRemove={askRemoveStage} />
          {!readOnly && (
            <Group>
              <Button
                variant="light"
                onClick={() => {
                  const key = newKey();
                  change((d) => addStage(d, key).draft);
                  focusSoon(ids.stageField(key, 'name_ru'));
                }}
              >
                {t('pipelines.editor.addStage')}
              </Button>
            </Group>
          )}
        </Section>

        <Section title={t('pipelines.editor.transitions')} hint={t('pipelines.editor.transitionsHint')}>
          <TransitionsTable stages={deferred.stages} transitions={deferred.transitions} onChange={change} />
          {!readOnly && (
            <Group>
              <Button
                variant="light"
                onClick={() => {
                  const key = newKey();
                  change((d) => addTransition(d, key).draft);
                  focusSoon(ids.transitionField(key, 'to'));
                }}
              >
                {t('pipelines.editor.addTransition')}
              </Button>
            </Group>
          )}
        </Section>

        <Section title={t('pipelines.editor.preview')} hint={t('pipelines.editor.previewHint')}>
          <BoardPreview stages={deferred.stages} />
        </Section>

        {!readOnly && (
          <Group justify="flex-end">
            <SaveButton loading={save.isPending} disabled={mode === 'edit' && !dirty} onClick={submit} />
          </Group>
        )}
      </Stack>

      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('common.confirm')} centered>
        <Text mb="md">
          {removing &&
            t('pipelines.editor.removeStageQuestion', {
              name: removing.stage.name_ru || removing.stage.code || t('pipelines.editor.unnamed'),
              transitions: removing.transitions,
            })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRemoving(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (removing) change((d) => removeStage(d, removing.stage.key));
              setRemoving(null);
            }}
          >
            {t('pipelines.editor.removeStage')}
          </Button>
        </Group>
      </Modal>

      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('pipelines.editor.leaveTitle')} centered>
        <Text mb="md">{t('pipelines.editor.leaveText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t('pipelines.editor.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('pipelines.editor.leave')}
          </Button>
        </Group>
      </Modal>
    </EditorContext.Provider>
  );
}

function SaveButton({ loading, disabled, onClick }: { loading: boolean; disabled: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button loading={loading} disabled={disabled} onClick={onClick} title={t('pipelines.editor.saveHint')}>
      {t('common.save')}
    </Button>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = `section-${title.replace(/\s+/g, '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {hint && (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
