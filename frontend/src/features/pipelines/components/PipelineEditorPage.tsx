// PLACEHOLDER — replaced by the pipelines feature's real page.
import { Title } from '@mantine/core';

export function PipelineEditorPage() {
  return <Title order={1} size="h2">PipelineEditorPage</Title>;
}
