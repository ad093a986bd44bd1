import { Button, Group, Modal, Radio, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/api/me';
import { searchable } from '../../../shared/api/search';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { ROLES, type Role } from '../../../shared/api/types';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { createTask, findSubjects, staffQuery, TASK_KINDS, type NewTaskBody, type TaskKind } from '../api/tasks';
import { fromDateTimeInput, postponeChoices, toDateTimeInput } from '../model/time';
import { KindGlyph } from './TaskKindIcon';
import { useTaskRefresh } from './taskMutations';

type AssignTo = 'me' | 'person' | 'role';

interface Values {
  kind: TaskKind;
  title: string;
  description: string;
  due_at: string;
  assign_to: AssignTo;
  assignee_id: string | null;
  assignee_role: Role | null;
  /** `client:<id>`, `lead:<id>` or `deal:<id>`. */
  subject: string | null;
}

const initialValues = (): Values => ({
  kind: 'call',
  title: '',
  description: '',
  due_at: toDateTimeInput(postponeChoices(new Date())[0]!.at),
  assign_to: 'me',
  assignee_id: null,
  assignee_role: null,
  subject: null,
});

/** A task of one's own, for a colleague, or for a role's queue. */
export function NewTaskModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const refresh = useTaskRefresh();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const staff = useQuery({ ...staffQuery, enabled: opened });

  const form = useForm<Values>({
    initialValues: initialValues(),
    validate: {
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      due_at: (v) => dateFieldError(v, { required: true, withTime: true }) ?? (fromDateTimeInput(v) ? null : t('work.newTask.dueInvalid')),
      assignee_id: (v, values) => (values.assign_to === 'person' && !v ? t('work.newTask.pickPerson') : null),
      assignee_role: (v, values) => (values.assign_to === 'role' && !v ? t('work.newTask.pickRole') : null),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initialValues());
    form.resetDirty();
    form.clearErrors();
    setUnplaced(null);
    // Reset only when the dialog opens.
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (body: NewTaskBody) => createTask(body),
    onSuccess: (task) => {
      notifySuccess(t('work.newTask.created', { title: task.title }));
      refresh();
      onClose();
    },
    onError: (e) => {
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      );
    },
  });

  const submit = (v: Values) => {
    const body: NewTaskBody = {
      kind: v.kind,
      title: v.title.trim(),
      description: v.description.trim() || null,
      due_at: fromDateTimeInput(v.due_at)!,
    };
    if (v.assign_to === 'person') body.assignee_id = v.assignee_id;
    if (v.assign_to === 'role') body.assignee_role = v.assignee_role;
    if (v.subject) {
      const [type, id] = v.subject.split(':') as ['client' | 'lead' | 'deal', string];
      body.subject_type = type;
      body.subject_id = id;
    }
    mutation.mutate(body);
  };

  const people = (staff.data ?? [])
    .filter((p) => p.id !== me?.id)
    .map((p) => ({ value: p.id, label: `${p.full_name} · ${t(`roles.${p.role}`)}` }));

  return (
    <Modal opened={opened} onClose={onClose} title={t('work.newTask.title')} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Stack gap={4}>
            <Text size="sm" fw={500} id="new-task-kind">
              {t('work.newTask.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="new-task-kind"
              fullWidth
              data={TASK_KINDS.map((k) => ({
                value: k,
                label: (
                  <Group gap={6} justify="center" wrap="nowrap">
                    <KindGlyph kind={k} size={16} />
                    <span>{t(`work.taskKinds.${k}`)}</span>
                  </Group>
                ),
              }))}
              {...form.getInputProps('kind')}
            />
          </Stack>
          <TextInput label={t('work.newTask.taskTitle')} required maxLength={300} data-autofocus {...form.getInputProps('title')} />
          <Textarea label={t('work.newTask.description')} autosize minRows={2} maxLength={5000} {...form.getInputProps('description')} />
          <DateField withTime label={t('work.newTask.due')} required {...form.getInputProps('due_at')} />
          <SubjectPicker value={form.values.subject} onChange={(v) => form.setFieldValue('subject', v)} error={form.errors.subject_id ?? form.errors.subject_type} />
          <Radio.Group label={t('work.newTask.assignee')} {...form.getInputProps('assign_to')}>
            <Group mt={6}>
              <Radio value="me" label={t('work.newTask.assignMe')} />
              <Radio value="person" label={t('work.newTask.assignPerson')} />
              <Radio value="role" label={t('work.newTask.assignRole')} />
            </Group>
          </Radio.Group>
          {form.values.assign_to === 'person' && (
            <Select
              label={t('work.newTask.person')}
              placeholder={staff.isPending ? t('common.loading') : t('work.newTask.personPlaceholder')}
              searchable
              nothingFoundMessage={t('work.newTask.nobody')}
              data={people}
              required
              {...form.getInputProps('assignee_id')}
            />
          )}
          {form.values.assign_to === 'role' && (
            <Select
              label={t('work.newTask.role')}
              description={t('work.newTask.roleHint')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              required
              {...form.getInputProps('assignee_role')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('work.newTask.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A client, lead or deal the task is about, found as the person types (the app's one search). */
function SubjectPicker({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: React.ReactNode }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const q = debounced.trim();
  const found = useQuery({
    queryKey: ['tasks', 'subjects', q],
    queryFn: ({ signal }) => findSubjects(q, signal),
    enabled: searchable(q),
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (found.data ?? []).map((h) => ({
    value: `${h.type}:${h.id}`,
    label: `${t(`work.newTask.subjectKinds.${h.type}`, { number: h.number ?? '' })} · ${h.title}`,
  }));
  const data = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      label={t('work.newTask.subject')}
      description={t('work.newTask.subjectHint')}
      placeholder={t('work.newTask.subjectPlaceholder')}
      searchable
      clearable
      filter={({ options: all }) => all}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => {
        setChosen(data.find((o) => o.value === v) ?? null);
        onChange(v);
      }}
      nothingFoundMessage={q.length >= 3 ? t('work.newTask.nobody') : undefined}
      error={error}
    />
  );
}
