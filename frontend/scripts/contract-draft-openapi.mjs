// TEMPORARY — delete once ../openapi/openapi.json exists and `npm run gen:api` has been run.
// The API as the web app reads docs/api-contract.md; src/api/schema.d.ts was generated from it with
//   node scripts/contract-draft-openapi.mjs && npx openapi-typescript /tmp/draft/openapi.json -o src/api/schema.d.ts
import { mkdirSync, writeFileSync } from 'node:fs';
const s = (t, extra = {}) => ({ type: t, ...extra });
const str = s('string'), int = s('integer'), bool = s('boolean'), num = s('number');
const nstr = { type: ['string', 'null'] };
const nnum = { type: ['number', 'null'] };
const ref = (n) => ({ $ref: `#/components/schemas/${n}` });
const obj = (props, required = Object.keys(props)) => ({ type: 'object', properties: props, required });
const arr = (i) => ({ type: 'array', items: i });
const en = (...v) => ({ type: 'string', enum: v });
const schemas = {
  FieldError: obj({ field: str, code: str, message: str }),
  Problem: obj({ type: str, title: str, status: int, detail: nstr, code: str, request_id: nstr, errors: arr(ref('FieldError')) }, ['type', 'title', 'status', 'code']),
  TokenPair: obj({ access_token: str, refresh_token: str, token_type: str, expires_in: int }),
  LoginRequest: obj({ email: str, password: str }),
  RefreshRequest: obj({ refresh_token: str }),
  Role: en('admin', 'management', 'manager', 'logistician', 'supply', 'warehouse', 'quality', 'accountant', 'analyst', 'production', 'designer'),
  OrgRef: obj({ id: str, name: str, kind: en('head', 'production') }),
  Me: obj({ id: str, email: str, full_name: str, role: ref('Role'), locale: str, organization: ref('OrgRef'), permissions: arr(str) }),
  Organization: obj({ id: str, kind: en('head', 'production'), name: str, inn: nstr, kpp: nstr, city: nstr, region: nstr, address: nstr, latitude: nnum, longitude: nnum, created_at: str }),
  OrganizationList: obj({ items: arr(ref('Organization')) }),
  User: obj({ id: str, email: str, full_name: str, role: ref('Role'), organization_id: str, organization_name: str, is_active: bool, locale: str, created_at: str, updated_at: str, version: int }),
  UserPage: obj({ items: arr(ref('User')), next_cursor: nstr }),
  CreateUser: obj({ email: str, full_name: str, role: ref('Role'), organization_id: str, password: str }),
  UpdateUser: obj({ version: int, full_name: str, role: ref('Role'), is_active: bool, password: str, locale: str }, ['version']),
  ApiKey: obj({ id: str, name: str, prefix: str, role: ref('Role'), organization_id: str, created_at: str, revoked_at: nstr, last_used_at: nstr }),
  ApiKeyList: obj({ items: arr(ref('ApiKey')) }),
  CreateApiKey: obj({ name: str, role: ref('Role'), organization_id: str }),
  CreatedApiKey: obj({ api_key: ref('ApiKey'), secret: str }),
  ClientSummary: obj({ id: str, organization_id: str, organization_name: str, name: str, public_name: nstr, person_kind: en('legal', 'person'), relationship: en('prospect', 'client', 'partner'), segment: nstr, client_type: nstr, email: nstr, phone: nstr, manager_id: nstr, manager_name: nstr, inn: nstr, created_at: str, updated_at: str, version: int }),
  BankAccount: obj({ id: str, counterparty_id: str, account_number: str, bik: str, corr_account: nstr, bank_name: nstr, city: nstr, version: int }),
  Counterparty: obj({ id: str, client_id: str, kind: en('legal_entity', 'sole_trader', 'person'), name: str, inn: nstr, kpp: nstr, ogrn: nstr, okpo: nstr, legal_address: nstr, actual_address: nstr, approved: bool, approved_at: nstr, version: int, bank_accounts: arr(ref('BankAccount')) }),
  Contact: obj({ id: str, client_id: str, last_name: nstr, first_name: str, middle_name: nstr, position: nstr, phone: nstr, mobile: nstr, email: nstr, version: int }),
  ClientDetail: { allOf: [ref('ClientSummary'), obj({ notes: nstr, counterparties: arr(ref('Counterparty')), contacts: arr(ref('Contact')) })] },
  ClientPage: obj({ items: arr(ref('ClientSummary')), next_cursor: nstr }),
  CounterpartyInput: obj({ kind: en('legal_entity', 'sole_trader', 'person'), name: str, inn: nstr, kpp: nstr, ogrn: nstr, okpo: nstr, legal_address: nstr, actual_address: nstr }, ['kind', 'name']),
  CounterpartyPatch: obj({ version: int, kind: en('legal_entity', 'sole_trader', 'person'), name: str, inn: nstr, kpp: nstr, ogrn: nstr, okpo: nstr, legal_address: nstr, actual_address: nstr }, ['version']),
  ContactInput: obj({ last_name: nstr, first_name: str, middle_name: nstr, position: nstr, phone: nstr, mobile: nstr, email: nstr }, ['first_name']),
  ContactPatch: obj({ version: int, last_name: nstr, first_name: str, middle_name: nstr, position: nstr, phone: nstr, mobile: nstr, email: nstr }, ['version']),
  CreateClient: obj({ name: str, public_name: nstr, person_kind: en('legal', 'person'), relationship: en('prospect', 'client', 'partner'), segment: nstr, client_type: nstr, email: nstr, phone: nstr, manager_id: nstr, organization_id: nstr, notes: nstr, counterparty: ref('CounterpartyInput'), contact: ref('ContactInput') }, ['name', 'person_kind']),
  UpdateClient: obj({ version: int, name: str, public_name: nstr, person_kind: en('legal', 'person'), relationship: en('prospect', 'client', 'partner'), segment: nstr, client_type: nstr, email: nstr, phone: nstr, manager_id: nstr, notes: nstr }, ['version']),
  SimilarClient: obj({ client: ref('ClientSummary'), reasons: arr(en('inn', 'phone', 'email', 'name')) }),
  SimilarClients: obj({ items: arr(ref('SimilarClient')) }),
  AuditEntry: obj({ id: str, at: str, actor_name: nstr, action: en('create', 'update', 'delete', 'approve'), entity_type: str, entity_id: str, changes: { type: 'object', additionalProperties: obj({ old: {}, new: {} }) } }),
  AuditList: obj({ items: arr(ref('AuditEntry')) }),
  Approval: obj({ approved: bool, version: int }),
  BankAccountInput: obj({ account_number: str, bik: str, corr_account: nstr, bank_name: nstr, city: nstr }, ['account_number', 'bik']),
  Bank: obj({ bik: str, name: str, city: nstr, corr_account: nstr, address: nstr }),
  ImportResult: obj({ imported: int, skipped: int }),
};
const problem = { description: 'problem', content: { 'application/problem+json': { schema: ref('Problem') } } };
const json = (n, code = 200) => ({ [code]: { description: 'ok', content: { 'application/json': { schema: ref(n) } } }, default: problem });
const noContent = { 204: { description: 'no content' }, default: problem };
const body = (n) => ({ required: true, content: { 'application/json': { schema: ref(n) } } });
const pid = (n = 'id') => ({ name: n, in: 'path', required: true, schema: str });
const q = (n, schema = str) => ({ name: n, in: 'query', required: false, schema });
let opn = 0;
const op = (o) => ({ operationId: `op${++opn}`, ...o });
const paths = {
  '/api/v1/auth/login': { post: op({ requestBody: body('LoginRequest'), responses: json('TokenPair') }) },
  '/api/v1/auth/refresh': { post: op({ requestBody: body('RefreshRequest'), responses: json('TokenPair') }) },
  '/api/v1/auth/logout': { post: op({ requestBody: body('RefreshRequest'), responses: noContent }) },
  '/api/v1/me': { get: op({ responses: json('Me') }) },
  '/api/v1/organizations': { get: op({ responses: json('OrganizationList') }) },
  '/api/v1/organizations/{id}': { get: op({ parameters: [pid()], responses: json('Organization') }) },
  '/api/v1/users': {
    get: op({ parameters: [q('q'), q('limit', int), q('cursor')], responses: json('UserPage') }),
    post: op({ requestBody: body('CreateUser'), responses: json('User', 201) }),
  },
  '/api/v1/users/{id}': {
    get: op({ parameters: [pid()], responses: json('User') }),
    patch: op({ parameters: [pid()], requestBody: body('UpdateUser'), responses: json('User') }),
  },
  '/api/v1/api-keys': { get: op({ responses: json('ApiKeyList') }), post: op({ requestBody: body('CreateApiKey'), responses: json('CreatedApiKey', 201) }) },
  '/api/v1/api-keys/{id}': { delete: op({ parameters: [pid()], responses: noContent }) },
  '/api/v1/clients': {
    get: op({ parameters: [q('q'), q('relationship', en('prospect', 'client', 'partner')), q('manager_id'), q('organization_id'), q('sort', en('name', '-name', 'created_at', '-created_at', 'updated_at', '-updated_at')), q('limit', int), q('cursor')], responses: json('ClientPage') }),
    post: op({ requestBody: body('CreateClient'), responses: json('ClientDetail', 201) }),
  },
  '/api/v1/clients/similar': { get: op({ parameters: [q('name'), q('inn'), q('phone'), q('email'), q('exclude_id')], responses: json('SimilarClients') }) },
  '/api/v1/clients/{id}': {
    get: op({ parameters: [pid()], responses: json('ClientDetail') }),
    patch: op({ parameters: [pid()], requestBody: body('UpdateClient'), responses: json('ClientDetail') }),
  },
  '/api/v1/clients/{id}/history': { get: op({ parameters: [pid()], responses: json('AuditList') }) },
  '/api/v1/clients/{id}/counterparties': { post: op({ parameters: [pid()], requestBody: body('CounterpartyInput'), responses: json('Counterparty', 201) }) },
  '/api/v1/clients/{id}/contacts': { post: op({ parameters: [pid()], requestBody: body('ContactInput'), responses: json('Contact', 201) }) },
  '/api/v1/counterparties/{id}': { patch: op({ parameters: [pid()], requestBody: body('CounterpartyPatch'), responses: json('Counterparty') }) },
  '/api/v1/counterparties/{id}/approval': { post: op({ parameters: [pid()], requestBody: body('Approval'), responses: json('Counterparty') }) },
  '/api/v1/counterparties/{id}/bank-accounts': { post: op({ parameters: [pid()], requestBody: body('BankAccountInput'), responses: json('BankAccount', 201) }) },
  '/api/v1/contacts/{id}': { patch: op({ parameters: [pid()], requestBody: body('ContactPatch'), responses: json('Contact') }), delete: op({ parameters: [pid()], responses: noContent }) },
  '/api/v1/bank-accounts/{id}': { delete: op({ parameters: [pid()], responses: noContent }) },
  '/api/v1/banks/{bik}': { get: op({ parameters: [pid('bik')], responses: json('Bank') }) },
  '/api/v1/banks/import': { post: op({ requestBody: { required: true, content: { 'application/xml': { schema: str } } }, responses: json('ImportResult') }) },
};
mkdirSync('/tmp/draft', { recursive: true });
writeFileSync('/tmp/draft/openapi.json', JSON.stringify({ openapi: '3.1.0', info: { title: 'draft', version: '0' }, paths, components: { schemas } }, null, 1));
