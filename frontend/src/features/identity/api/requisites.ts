// An organization's requisites, its three pictures (logo, stamp, signature) and the e-mail
// templates of its documents: query keys, queryOptions and mutations through the typed client.
import { queryOptions } from '@tanstack/react-query';
import { api, apiUrl, sendWithSession, unwrap } from '../../../shared/api/client';
import { ApiProblem } from '../../../shared/api/problem';
import type { Body, Ok } from '../../../shared/api/types';

export type Requisites = Ok<'/api/v1/organizations/{id}/requisites', 'get'>;
export type RequisitesBody = Body<'/api/v1/organizations/{id}/requisites', 'put'>;
export type MailTemplates = Ok<'/api/v1/mail-templates', 'get'>;
export type MailTemplate = MailTemplates['items'][number];
export type DocumentKind = MailTemplate['document_kind'];
export type Bank = Ok<'/api/v1/banks/{bik}', 'get'>;

export const IMAGE_KINDS = ['logo', 'stamp', 'signature'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** The largest picture the server takes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const requisitesKeys = {
  all: ['requisites'] as const,
  of: (orgId: string) => [...requisitesKeys.all, orgId] as const,
  image: (orgId: string, kind: ImageKind, version: number) => [...requisitesKeys.of(orgId), 'image', kind, version] as const,
  templates: ['mail-templates'] as const,
  bank: (bik: string) => ['banks', bik] as const,
};

/** The requisites, or null when nobody entered them yet (the API answers 404). */
export const requisitesQuery = (orgId: string) =>
  queryOptions({
    queryKey: requisitesKeys.of(orgId),
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(api.GET('/api/v1/organizations/{id}/requisites', { params: { path: { id: orgId } }, signal }));
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null;
        throw e;
      }
    },
  });

export const saveRequisites = (orgId: string, body: RequisitesBody) =>
  unwrap(api.PUT('/api/v1/organizations/{id}/requisites', { params: { path: { id: orgId } }, body }));

/** Sends a PNG or JPEG as it is; answers the requisites with `has_<kind>` set. */
export const putImage = (orgId: string, kind: ImageKind, file: File) =>
  unwrap(
    api.PUT('/api/v1/organizations/{id}/images/{kind}', {
      params: { path: { id: orgId, kind } },
      body: file as unknown as number[],
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    }),
  );

export const deleteImage = (orgId: string, kind: ImageKind) =>
  unwrap(api.DELETE('/api/v1/organizations/{id}/images/{kind}', { params: { path: { id: orgId, kind } } }));

/**
 * The picture's bytes for a preview (an <img> cannot send the session's token). `version` is the
 * requisites' version, so a new upload is read again.
 */
export const imageQuery = (orgId: string, kind: ImageKind, version: number) =>
  queryOptions({
    queryKey: requisitesKeys.image(orgId, kind, version),
    queryFn: async ({ signal }) => {
      let response: Response;
      try {
        response = await sendWithSession(new Request(apiUrl(`/api/v1/organizations/${orgId}/images/${kind}`), { signal }));
      } catch (e) {
        throw ApiProblem.network(e);
      }
      if (response.status === 404) return null;
      if (!response.ok) throw ApiProblem.fromResponse(response, await response.text().catch(() => ''));
      return response.blob();
    },
    staleTime: Infinity,
  });

/** A bank of the Central Bank's directory, to fill the bank's name, city and correspondent account. */
export const bankQuery = (bik: string) =>
  queryOptions({
    queryKey: requisitesKeys.bank(bik),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/banks/{bik}', { params: { path: { bik } }, signal })),
    staleTime: 60 * 60_000,
    retry: false,
  });

export const mailTemplatesQuery = queryOptions({
  queryKey: requisitesKeys.templates,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/mail-templates', { signal })),
});

export const saveMailTemplate = (kind: DocumentKind, body: { subject: string; body: string }) =>
  unwrap(api.PUT('/api/v1/mail-templates/{kind}', { params: { path: { kind } }, body }));
