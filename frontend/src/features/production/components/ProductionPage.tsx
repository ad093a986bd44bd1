// A production's profile (`/productions/:id`; `/productions/mine` is the signed-in production's own,
// its «Мой профиль»): where it is, its capacity, working week, payment terms, time to accept an
// order, whom to call and the tiles it makes at their prices. Everyone who reads productions sees
// it; those who keep them (`productions.manage`) edit it in place.
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { onProductionSide, useCan, useMe } from '../../../shared/api/me';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { EmailLink, PhoneLink } from '../../../shared/ui/ContactLinks';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { productionQuery, type Production, type Profile } from '../api/productions';
import { formatDecimal } from '../model/profile';
import { useProductionLabels } from './labels';
import { ProfileForm } from './ProfileForm';

export function ProductionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const params = useParams();
  const mine = params.id === 'mine';
  const id = mine ? (me?.organization.id ?? '') : (params.id ?? '');
  const isProduction = onProductionSide(me);
  // The server refuses a production's people whatever their role's permissions say.
  const canManage = useCan('productions.manage') && !isProduction;
  const production = useQuery({ ...productionQuery(id), enabled: id !== '' });
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Back from the form: the keyboard lands where it left.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (production.isError && production.error instanceof ApiProblem && [400, 404, 422].includes(production.error.status)) return <NotFound />;

  const data = production.data;
  return (
    <Stack>
      {!isProduction && (
        <Anchor component={Link} to="/productions" size="sm">
          ← {t('productions.profile.back')}
        </Anchor>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 280px' }}>
          {mine && (
            <Text size="sm" c="dimmed">
              {t('productions.profile.myTitle')}
            </Text>
          )}
          <Title order={1} size="h2">
            {data?.name ?? '\u00a0'}
          </Title>
          {data?.profile && (
            <Text size="xs" c="dimmed">
              {t('productions.profile.updated', { at: formatDateTime(data.profile.updated_at) })}
            </Text>
          )}
        </Stack>
        {canManage && data && !editing && (
          <Button ref={editButton} onClick={() => setEditing(true)} variant={data.profile ? 'default' : 'filled'}>
            {data.profile ? t('productions.profile.edit') : t('productions.profile.fill')}
          </Button>
        )}
      </Group>

      {production.isPending ? (
        <TableSkeleton rows={6} />
      ) : production.isError ? (
        <ProblemAlert error={production.error} onRetry={() => void production.refetch()} />
      ) : editing && canManage ? (
        <ProfileForm production={production.data} onDone={() => setEditing(false)} />
      ) : (
        <ProfileView production={production.data} canManage={canManage} isProduction={isProduction} />
      )}
    </Stack>
  );
}

function ProfileView({ production, canManage, isProduction }: { production: Production; canManage: boolean; isProduction: boolean }) {
  const { t } = useTranslation();
  const profile = production.profile;
  return (
    <Stack>
      {isProduction && (
        <Text size="sm" c="dimmed" maw={760}>
          {t('productions.profile.readOnlyHint')}
        </Text>
      )}
      {profile ? (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <WorkCard profile={profile} />
          <PlaceCard production={production} />
          <ContactsCard profile={profile} />
        </SimpleGrid>
      ) : (
        <>
          <Alert color="gray" title={t('productions.profile.notFilled')}>
            {canManage ? t('productions.profile.notFilledManage') : t('productions.profile.notFilledHint')}
          </Alert>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <PlaceCard production={production} />
          </SimpleGrid>
        </>
      )}
      {profile && <OffersCard profile={profile} />}
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md">
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Label — value pairs, as a description list. */
function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Stack component="dl" gap="xs" m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} fw={500}>
            {value}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

function WorkCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  return (
    <Section id="production-work" title={t('productions.profile.sections.work')}>
      <Facts
        items={[
          [t('productions.profile.capacity'), t('productions.list.capacity', { value: formatDecimal(profile.daily_capacity_m2) })],
          [t('productions.profile.days'), labels.days(profile.working_days)],
          [
            t('productions.profile.terms'),
            <>
              {labels.terms(profile.payment_terms)}
              <Text span size="xs" c="dimmed" fw={400} display="block">
                {labels.termsHint(profile.payment_terms)}
              </Text>
            </>,
          ],
          [t('productions.profile.acceptance'), t('productions.profile.hours', { count: profile.acceptance_hours })],
        ]}
      />
    </Section>
  );
}

function PlaceCard({ production }: { production: Production }) {
  const { t } = useTranslation();
  const notSet = (
    <Text span c="dimmed" fw={400} size="sm">
      {t('productions.profile.notSet')}
    </Text>
  );
  const place = [production.city, production.region].filter(Boolean).join(', ');
  const c = production.coordinates;
  return (
    <Section id="production-place" title={t('productions.profile.sections.place')}>
      <Facts
        items={[
          [t('productions.profile.place'), place || notSet],
          [t('productions.profile.address'), production.address || notSet],
          [
            t('productions.profile.coordinates'),
            c ? (
              <Anchor href={`https://yandex.ru/maps/?pt=${c.lon},${c.lat}&z=12`} target="_blank" rel="noreferrer" size="sm">
                {`${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}`}
              </Anchor>
            ) : (
              notSet
            ),
          ],
        ]}
      />
    </Section>
  );
}

function ContactsCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const any = profile.contact_name || profile.contact_phone || profile.contact_email;
  return (
    <Section id="production-contacts" title={t('productions.profile.sections.contacts')}>
      {any ? (
        <Facts
          items={[
            ...(profile.contact_name ? [[t('productions.profile.contactName'), profile.contact_name] as [string, ReactNode]] : []),
            ...(profile.contact_phone ? [[t('productions.profile.phone'), <PhoneLink phone={profile.contact_phone} />] as [string, ReactNode]] : []),
            ...(profile.contact_email ? [[t('productions.profile.email'), <EmailLink email={profile.contact_email} />] as [string, ReactNode]] : []),
          ]}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('productions.profile.noContacts')}
        </Text>
      )}
    </Section>
  );
}

function OffersCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <Section id="production-offers" title={t('productions.profile.sections.offers')}>
      {profile.offers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('productions.profile.noOffers')}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={t('productions.profile.offersLabel')} maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('productions.profile.offerColumns.tileType')}</Table.Th>
              <Table.Th ta="right">{t('productions.profile.offerColumns.thickness')}</Table.Th>
              <Table.Th ta="right">{t('productions.profile.offerColumns.price')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {profile.offers.map((o) => (
              <Table.Tr key={`${o.tile_type}-${o.thickness_mm}`}>
                <Table.Td>{o.tile_type}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('productions.profile.thickness', { value: formatDecimal(o.thickness_mm) })}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(o.price_per_m2)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
