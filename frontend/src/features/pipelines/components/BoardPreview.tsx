import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftStage } from '../model/draft';

interface Run {
  group: string;
  stages: DraftStage[];
}

/** Consecutive stages with the same group label share one header, as on the board. */
export function groupRuns(stages: readonly DraftStage[]): Run[] {
  const runs: Run[] = [];
  for (const s of stages) {
    const last = runs.at(-1);
    if (last && last.group === s.group.trim()) last.stages.push(s);
    else runs.push({ group: s.group.trim(), stages: [s] });
  }
  return runs;
}

/** The board's columns as the definition would show them. */
export function BoardPreview({ stages }: { stages: readonly DraftStage[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <ScrollArea type="auto" offsetScrollbars aria-label={t('pipelines.editor.preview')}>
      <Group align="flex-start" wrap="nowrap" gap="md" pb="xs">
        {groupRuns(stages).map((run, i) => (
          <Stack key={`${run.group}-${i}`} gap={6}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" h={18}>
              {run.group}
            </Text>
            <Group align="flex-start" wrap="nowrap" gap="xs">
              {run.stages.map((s) => {
                const name = (en ? s.name_en : s.name_ru) || s.name_ru || s.code || t('pipelines.editor.unnamed');
                return (
                  <Paper
                    key={s.key}
                    withBorder
                    w={180}
                    p="xs"
                    style={{ borderTop: `4px solid ${/^#[0-9a-f]{6}$/i.test(s.color) ? s.color : 'var(--mantine-color-gray-4)'}` }}
                  >
                    <Stack gap={4}>
                      <Text size="sm" fw={600} lineClamp={3}>
                        {name}
                      </Text>
                      <Group gap={4}>
                        {s.kind !== 'open' && (
                          <Badge size="xs" color={s.kind === 'won' ? 'green' : 'red'} variant="light">
                            {t(`pipelines.stageKinds.${s.kind}`)}
                          </Badge>
                        )}
                        {s.stuck_after_hours && (
                          <Badge size="xs" color="gray" variant="outline">
                            {t('pipelines.editor.stuckBadge', { hours: s.stuck_after_hours })}
                          </Badge>
                        )}
                        {s.checklist.length > 0 && (
                          <Badge size="xs" color="blue" variant="outline">
                            {t('pipelines.editor.checklistBadge', { count: s.checklist.length })}
                          </Badge>
                        )}
                      </Group>
                      <Paper bg="gray.0" h={36} radius="sm" aria-hidden="true" />
                    </Stack>
                  </Paper>
                );
              })}
            </Group>
          </Stack>
        ))}
      </Group>
    </ScrollArea>
  );
}
