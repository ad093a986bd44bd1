import { describe, expect, it } from 'vitest';
import { fromDefinition } from './draft';
import { ids, mapDefinitionErrors, parsePath, withoutId } from './errors';
import { sample } from './fixtures.test-util';
import { moveStage } from './ops';

const err = (field: string, code = 'invalid_format', message = `msg ${field}`) => ({ field, code, message });

describe('parsePath', () => {
  it('reads names and indexes', () => {
    expect(parsePath('definition.transitions[2].guards[0].items[1]')).toEqual([
      { name: 'definition' },
      { name: 'transitions', index: 2 },
      { name: 'guards', index: 0 },
      { name: 'items', index: 1 },
    ]);
    expect(parsePath('')).toEqual([]);
  });
});

describe('mapDefinitionErrors', () => {
  const sent = fromDefinition(sample());
  const [s0, s1] = sent.stages;
  const [t0, t1] = sent.transitions;

  it('puts a stage field error at that stage’s input', () => {
    const { byId, list } = mapDefinitionErrors([err('definition.stages[1].code')], sent);
    expect(byId).toEqual({ [ids.stageField(s1!.key, 'code')]: ['msg definition.stages[1].code'] });
    expect(list[0]).toMatchObject({ field: 'code', place: { type: 'stage', key: s1!.key, index: 1, name: 'КП отправлено' } });
  });

  it('puts a whole-stage error (unreachable, no way out) at the stage row', () => {
    const { list } = mapDefinitionErrors([err('definition.stages[1]', 'unreachable')], sent);
    expect(list[0]).toMatchObject({ id: ids.stage(s1!.key), field: null });
  });

  it('puts checklist and stage-task errors at their inputs and opens the stage’s details', () => {
    const { list } = mapDefinitionErrors(
      [
        err('definition.stages[0].checklist[0].name_en', 'required'),
        err('definition.stages[0].on_enter[1].due.hours', 'out_of_range'),
        err('definition.stages[0].on_enter[1].title_ru', 'required'),
        err('definition.stages[0].on_enter[0].request', 'not_allowed'),
        err('definition.stages[3].checklist', 'not_allowed'),
      ],
      sent,
    );
    expect(list.map((e) => [e.id, e.field, e.detailsOf])).toEqual([
      [ids.item(s0!.checklist[0]!.key, 'name_en'), 'checklist.name_en', s0!.key],
      [ids.effect(s0!.on_enter[1]!.key, 'due_hours'), 'effect.due_hours', s0!.key],
      [ids.effect(s0!.on_enter[1]!.key, 'title_ru'), 'effect.title_ru', s0!.key],
      [ids.effect(s0!.on_enter[0]!.key, 'request'), 'effect.request', s0!.key],
      [ids.stageField(sent.stages[3]!.key, 'checklist'), 'checklist', sent.stages[3]!.key],
    ]);
  });

  it('puts transition and guard errors at their inputs', () => {
    const { byId } = mapDefinitionErrors(
      [
        err('definition.transitions[0].to', 'unknown_stage'),
        err('definition.transitions[0].guards[0].items[1]', 'unknown_checklist_item'),
        err('definition.transitions[0].guards[1].fields', 'required'),
        err('definition.transitions[1].auto_on', 'required'),
        err('definition.transitions[1]', 'duplicate'),
      ],
      sent,
    );
    expect(Object.keys(byId)).toEqual([
      ids.transitionField(t0!.key, 'to'),
      ids.guard(t0!.guards[0]!.key),
      ids.guard(t0!.guards[1]!.key),
      ids.transitionField(t1!.key, 'auto_on'),
      ids.transition(t1!.key),
    ]);
  });

  it('keeps pipeline-wide problems and the pipeline’s own fields apart', () => {
    const { byId, list } = mapDefinitionErrors(
      [
        err('definition.stages', 'won_stage_required'),
        err('definition.stages', 'stage_in_use'),
        err('definition', 'builtin_read_only'),
        err('definition.kind', 'not_allowed'),
        err('code', 'taken'),
        err('name_ru', 'required'),
        err('definition.stages[9].code'),
      ],
      sent,
    );
    expect(byId[ids.general]).toHaveLength(5);
    expect(byId[ids.pipeline('code')]).toEqual(['msg code']);
    expect(byId[ids.pipeline('name_ru')]).toEqual(['msg name_ru']);
    expect(list.every((e) => e.place.type === 'pipeline')).toBe(true);
  });

  it('stays with its stage after the admin reorders stages', () => {
    const mapped = mapDefinitionErrors([err('definition.stages[1].name_en', 'required')], sent);
    const reordered = moveStage(sent, s1!.key, -1);
    // The id names the stage by key, so the reordered editor still finds it on the same stage.
    expect(reordered.stages[0]!.key).toBe(s1!.key);
    expect(Object.keys(mapped.byId)).toEqual([ids.stageField(s1!.key, 'name_en')]);
  });

  it('translates with the given message and forgets an input once edited', () => {
    const mapped = mapDefinitionErrors([err('definition.stages[0].code', 'required'), err('definition.stages[1].code')], sent, (e) => e.code);
    expect(mapped.byId[ids.stageField(s0!.key, 'code')]).toEqual(['required']);
    const after = withoutId(mapped, ids.stageField(s0!.key, 'code'));
    expect(after.list).toHaveLength(1);
    expect(after.byId[ids.stageField(s0!.key, 'code')]).toBeUndefined();
  });
});
