import { Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../shared/api/problem';
import { fieldErrorMessage, problemMessage } from '../../../shared/i18n/messages';
import { ConfirmButton } from '../../../shared/ui/ConfirmButton';
import { notifySuccess } from '../../../shared/ui/notify';
import {
  IMAGE_KINDS,
  MAX_IMAGE_BYTES,
  deleteImage,
  imageQuery,
  putImage,
  requisitesKeys,
  type ImageKind,
  type Requisites,
} from '../api/requisites';

const HAS: Record<ImageKind, 'has_logo' | 'has_stamp' | 'has_signature'> = {
  logo: 'has_logo',
  stamp: 'has_stamp',
  signature: 'has_signature',
};

/** The logo, stamp and signature documents print: a preview of each, uploaded or removed. */
export function OrganizationImages({ orgId, requisites }: { orgId: string; requisites: Requisites | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('requisites.images.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {requisites ? t('requisites.images.hint') : t('requisites.images.needRequisites')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        {IMAGE_KINDS.map((kind) => (
          <ImageCard key={kind} orgId={orgId} kind={kind} requisites={requisites} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function ImageCard({ orgId, kind, requisites }: { orgId: string; kind: ImageKind; requisites: Requisites | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const label = t(`requisites.images.kind.${kind}`);
  const has = !!requisites?.[HAS[kind]];
  const image = useQuery({ ...imageQuery(orgId, kind, requisites?.version ?? 0), enabled: has });
  const src = useObjectUrl(has ? image.data : null);

  const onSaved = (saved: Requisites) => {
    setError(null);
    queryClient.setQueryData(requisitesKeys.of(orgId), saved);
  };
  const onFailed = (e: unknown) => {
    const fieldError = e instanceof ApiProblem ? e.errors[0] : undefined;
    setError(fieldError ? fieldErrorMessage(fieldError) : problemMessage(e));
  };
  const upload = useMutation({
    mutationFn: (file: File) => putImage(orgId, kind, file),
    onSuccess: (saved) => {
      onSaved(saved);
      notifySuccess(t('requisites.images.uploaded', { kind: label }));
    },
    onError: onFailed,
  });
  const remove = useMutation({
    mutationFn: () => deleteImage(orgId, kind),
    onSuccess: (saved) => {
      onSaved(saved);
      notifySuccess(t('requisites.images.removed', { kind: label }));
    },
    onError: onFailed,
  });

  const choose = (file: File | null) => {
    if (!file) return;
    // Checked here too so a wrong file is named before its bytes go up.
    if (!['image/png', 'image/jpeg'].includes(file.type)) setError(t('requisites.images.wrongType'));
    else if (file.size > MAX_IMAGE_BYTES) setError(t('requisites.images.tooLarge'));
    else upload.mutate(file);
  };

  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Stack gap="xs" h="100%">
        <Text fw={500} size="sm">
          {label}
        </Text>
        <Stack h={120} justify="center" align="center" bg="gray.0" style={{ borderRadius: 4 }}>
          {has && src ? (
            <Image src={src} alt={t('requisites.images.preview', { kind: label })} mah={112} maw="100%" fit="contain" />
          ) : (
            <Text size="xs" c="dimmed">
              {has ? t('common.loading') : t('requisites.images.none')}
            </Text>
          )}
        </Stack>
        {error && (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group gap="xs" mt="auto">
          <FileButton onChange={choose} accept="image/png,image/jpeg" disabled={!requisites}>
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={upload.isPending} disabled={!requisites} aria-label={`${has ? t('requisites.images.replace') : t('requisites.images.upload')}: ${label}`}>
                {has ? t('requisites.images.replace') : t('requisites.images.upload')}
              </Button>
            )}
          </FileButton>
          {has && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              question={t('requisites.images.confirmRemove', { kind: label })}
              onConfirm={() => remove.mutate()}
              loading={remove.isPending}
              aria-label={t('requisites.images.removeLabel', { kind: label })}
            >
              {t('requisites.images.remove')}
            </ConfirmButton>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** An object URL for a blob while it is shown, revoked after. */
function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}
