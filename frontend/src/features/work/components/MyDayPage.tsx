// PLACEHOLDER — replaced by the work feature's real page.
import { Title } from '@mantine/core';

export function MyDayPage() {
  return <Title order={1} size="h2">MyDayPage</Title>;
}
