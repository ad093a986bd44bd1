// Phones and e-mails as links everywhere they are shown: a tap calls or writes (tel:, mailto:).
import { Anchor } from '@mantine/core';
import { formatPhone } from '../format/format';

/** A stored phone (`+7…`), formatted, as a `tel:` link; nothing when empty. */
export function PhoneLink({ phone }: { phone: string | null | undefined }) {
  if (!phone) return null;
  return (
    <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {formatPhone(phone)}
    </Anchor>
  );
}

/** An e-mail address as a `mailto:` link; nothing when empty. */
export function EmailLink({ email }: { email: string | null | undefined }) {
  if (!email) return null;
  return (
    <Anchor href={`mailto:${email}`} size="sm">
      {email}
    </Anchor>
  );
}
