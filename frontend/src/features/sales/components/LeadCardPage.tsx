// PLACEHOLDER — replaced by the sales feature's real page.
import { Title } from '@mantine/core';

export function LeadCardPage() {
  return <Title order={1} size="h2">LeadCardPage</Title>;
}
