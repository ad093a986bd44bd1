import { Alert, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { organizationsQuery } from '../../../shared/api/organizations';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { requisitesQuery } from '../api/requisites';
import { MailTemplatesEditor } from './MailTemplatesEditor';
import { OrganizationImages } from './OrganizationImages';
import { RequisitesForm } from './RequisitesForm';

/**
 * «Реквизиты организации» (admins): what the organization's documents print — its requisites,
 * logo, stamp and signature — and the e-mails documents are sent with.
 */
export function RequisitesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const orgs = useQuery(organizationsQuery);
  const own = me?.organization.id ?? '';
  const orgId = orgs.data?.find((o) => o.id === params.get('org'))?.id ?? own;
  const requisites = useQuery({ ...requisitesQuery(orgId), enabled: !!orgId });

  return (
    <Stack maw={1040}>
      <Title order={1} size="h2">
        {t('requisites.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('requisites.hint')}
      </Text>
      {(orgs.data?.length ?? 0) > 1 && (
        <NativeSelect
          label={t('requisites.organization')}
          data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={orgId}
          onChange={(e) => setParams(e.currentTarget.value === own ? {} : { org: e.currentTarget.value }, { replace: true })}
          maw={360}
        />
      )}

      {requisites.isPending ? (
        <TableSkeleton rows={10} />
      ) : requisites.isError ? (
        <ProblemAlert error={requisites.error} onRetry={() => void requisites.refetch()} />
      ) : (
        <>
          {requisites.data === null ? (
            <Alert color="blue" role="status">
              {t('requisites.notEntered')}
            </Alert>
          ) : (
            <MissingAlert missing={requisites.data.missing} />
          )}
          <RequisitesForm key={orgId} orgId={orgId} requisites={requisites.data} />
          <OrganizationImages orgId={orgId} requisites={requisites.data} />
        </>
      )}

      {/* The templates are the signed-in admin's organization's: shown with its requisites. */}
      {orgId === own && <MailTemplatesEditor />}
    </Stack>
  );
}

function MissingAlert({ missing }: { missing: string[] }) {
  const { t, i18n } = useTranslation();
  if (missing.length === 0)
    return (
      <Alert color="teal" role="status">
        {t('requisites.complete')}
      </Alert>
    );
  const names = missing.map((f) => {
    const key = `requisites.fields.${f}`;
    return i18n.exists(key) ? String(i18n.t(key as 'requisites.fields.inn')) : f;
  });
  return (
    <Alert color="orange" role="status">
      {t('requisites.missing', { fields: names.join(', ') })}
    </Alert>
  );
}
