// PLACEHOLDER — replaced by the work feature's real page.
import { Title } from '@mantine/core';

export function QueuePage() {
  return <Title order={1} size="h2">QueuePage</Title>;
}
