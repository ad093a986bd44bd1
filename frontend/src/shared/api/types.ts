// Types taken from the generated schema by path and method, so they follow the spec whatever
// its component schemas are called.
import type { paths } from '../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;

/** The JSON body of the 200 (or 201) response of `M P`. */
export type Ok<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R }
    ? 200 extends keyof R
      ? Json<R[200]>
      : 201 extends keyof R
        ? Json<R[201]>
        : never
    : never;

/** The JSON request body of `M P`. */
export type Body<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters of `M P`. */
export type Query<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Me = Ok<'/api/v1/me', 'get'>;
export type Role = Me['role'];
export type Permission =
  | 'clients.read'
  | 'clients.write'
  | 'counterparties.approve'
  | 'organizations.read'
  | 'organizations.manage'
  | 'users.manage'
  | 'api_keys.manage'
  | 'banks.import'
  | 'leads.read'
  | 'leads.write'
  | 'deals.read'
  | 'deals.write'
  | 'pipelines.manage'
  | 'requests.delivery'
  | 'requests.design'
  | 'payments.read'
  | 'payments.record'
  | 'shipments.record'
  | 'reminders.manage'
  | 'tasks.use'
  | 'cards.reopen'
  | 'catalogue.read'
  | 'catalogue.write'
  | 'exchange_rates.write'
  | 'documents.read'
  | 'documents.write'
  | 'productions.read'
  | 'settlements.read'
  | 'settlements.write'
  | 'productions.manage';
export type Organization = Ok<'/api/v1/organizations', 'get'>['items'][number];

/** All roles, in the order the admin screens list them. */
export const ROLES = [
  'admin',
  'management',
  'manager',
  'logistician',
  'supply',
  'warehouse',
  'quality',
  'accountant',
  'analyst',
  'production',
  'designer',
] as const satisfies readonly Role[];
