// PLACEHOLDER — replaced by the sales feature's real page.
import { Title } from '@mantine/core';

export function NewLeadPage() {
  return <Title order={1} size="h2">NewLeadPage</Title>;
}
