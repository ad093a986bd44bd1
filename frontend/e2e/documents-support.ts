// Documents seeded through the typed API client: the organization's requisites, a company
// counterparty a contract can be made out to, the delivery answer, an offer e-mailed, and the
// contract and invoice taken all the way to signed — for specs that need a deal past those stages
// without clicking through them (the documents spec clicks through them).
import { accountFor, apiAs, baseUrl, legalInn } from './support';

type Api = Awaited<ReturnType<typeof apiAs>>;

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} → ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** The organization's requisites, filled in once when the demo has none (documents need them). */
export async function ensureRequisites(organizationId: string) {
  const admin = await apiAs('admin@demo.local');
  const current = await admin.client.GET('/api/v1/organizations/{id}/requisites', { params: { path: { id: organizationId } } });
  if (current.data && current.data.missing.length === 0) return;
  ok(
    'PUT /organizations/{id}/requisites',
    await admin.client.PUT('/api/v1/organizations/{id}/requisites', {
      params: { path: { id: organizationId } },
      body: {
        version: current.data?.version ?? null,
        full_name: current.data?.full_name ?? 'Общество с ограниченной ответственностью «АртПрайм»',
        short_name: current.data?.short_name ?? 'ООО «АртПрайм»',
        inn: '7707083893',
        kpp: '773601001',
        legal_address: '125047, г. Москва, ул. Тверская-Ямская 1-я, д. 21',
        bank_account: '40702810938000000001',
        bik: '044525225',
        director_position: 'Генеральный директор',
        director_name: 'Иванов И. И.',
        director_acting: 'в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава',
      },
    }),
  );
}

/** A company with an INN, a legal address and a bank account (what a contract needs), not yet approved. */
export async function seedCompanyCounterparty(api: Api, clientId: string, name: string) {
  const counterparty = ok(
    'POST /clients/{id}/counterparties',
    await api.client.POST('/api/v1/clients/{id}/counterparties', {
      params: { path: { id: clientId } },
      body: { kind: 'legal_entity', name, inn: legalInn(), kpp: '770101001', legal_address: 'г. Москва, ул. Лесная, д. 5' },
    }),
  );
  ok(
    'POST /counterparties/{id}/bank-accounts',
    await api.client.POST('/api/v1/counterparties/{id}/bank-accounts', {
      params: { path: { id: counterparty.id } },
      body: { bik: '044525225', account_number: accountFor('044525225') },
    }),
  );
  return counterparty;
}

/** The logistician takes the deal's delivery-cost request and answers it: the deal moves on by itself. */
export async function answerDeliveryByApi(manager: Api, dealId: string) {
  const logistician = await apiAs('logistician@demo.local');
  // The logistician does not read deals: the manager's card names the request.
  const deal = ok('GET /deals/{id}', await manager.client.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } }));
  const request = deal.requests.find((r) => r.kind === 'delivery_cost' && r.status !== 'completed');
  if (!request) throw new Error('the deal has no open delivery-cost request');
  const detail = ok('GET /requests/{id}', await logistician.client.GET('/api/v1/requests/{id}', { params: { path: { id: request.id } } }));
  const taken = ok(
    'POST /requests/{id}/take',
    await logistician.client.POST('/api/v1/requests/{id}/take', { params: { path: { id: request.id } }, body: { version: detail.version } }),
  );
  ok(
    'POST /requests/{id}/complete',
    await logistician.client.POST('/api/v1/requests/{id}/complete', {
      params: { path: { id: request.id } },
      body: { version: taken.version, cost: '18500.00', carrier: 'ПЭК', eta_date: '2030-06-01', comment: 'Еврофура' },
    }),
  );
}

/** E-mails documents with the letter the template makes (to a test address when the client has none). */
async function send(api: Api, dealId: string, ids: string[]) {
  const letter = ok(
    'GET /deals/{id}/emails/draft',
    await api.client.GET('/api/v1/deals/{id}/emails/draft', { params: { path: { id: dealId }, query: { documents: ids.join(',') } } }),
  );
  ok(
    'POST /deals/{id}/emails',
    await api.client.POST('/api/v1/deals/{id}/emails', {
      params: { path: { id: dealId } },
      body: { document_ids: ids, to_address: letter.to_address ?? 'client@example.ru', subject: letter.subject, body: letter.body },
    }),
  );
}

/** The offer where the server starts it (the delivery line), e-mailed: the deal is «КП отправлено». */
export async function sendOfferByApi(api: Api, dealId: string) {
  const draft = ok('GET /deals/{id}/offers/draft', await api.client.GET('/api/v1/deals/{id}/offers/draft', { params: { path: { id: dealId } } }));
  const offer = ok(
    'POST /deals/{id}/offers',
    await api.client.POST('/api/v1/deals/{id}/offers', {
      params: { path: { id: dealId } },
      body: {
        lines: draft.lines.map((l) => ({
          item_id: l.item_id,
          name: l.name,
          article: l.article,
          unit: l.unit,
          quantity: l.quantity,
          price: l.price,
          discount_pct: l.discount_pct,
          vat: l.vat,
        })),
        replaces: draft.replaces,
      },
    }),
  );
  await send(api, dealId, [offer.id]);
  return offer;
}

/**
 * A tile-supply contract and a prepayment invoice from the current offer, e-mailed together, the
 * signed scan attached, the counterparty approved and the signing confirmed: «Документы подписаны».
 */
export async function signDocumentsByApi(api: Api, dealId: string, counterpartyId: string) {
  const contract = ok(
    'POST /deals/{id}/contracts',
    await api.client.POST('/api/v1/deals/{id}/contracts', {
      params: { path: { id: dealId } },
      body: {
        kind: 'tile_supply',
        signatory: { name: 'Петров Пётр Петрович', acting: 'в лице Генерального директора Петрова Петра Петровича, действующего на основании Устава' },
      },
    }),
  );
  const docs = ok('GET /deals/{id}/documents', await api.client.GET('/api/v1/deals/{id}/documents', { params: { path: { id: dealId } } }));
  const offer = [...docs.items].reverse().find((d) => d.kind === 'offer' && d.status !== 'replaced');
  if (!offer) throw new Error('the deal has no offer to invoice');
  const invoice = ok(
    'POST /deals/{id}/invoices',
    await api.client.POST('/api/v1/deals/{id}/invoices', {
      params: { path: { id: dealId } },
      body: { offer_id: offer.id, schedule: { kind: 'prepayment', days: 5 } },
    }),
  );
  await send(api, dealId, [contract.id, invoice.id]);

  // The scan the client signed, uploaded to the deal.
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: api.me.email, password: 'demo12345' }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const upload = await fetch(`${baseUrl}/api/v1/deals/${dealId}/files?name=${encodeURIComponent('Договор подписанный.pdf')}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${login.access_token}`, 'Content-Type': 'application/pdf' },
    body: '%PDF-1.4 signed',
  });
  if (!upload.ok) throw new Error(`POST /deals/{id}/files → ${upload.status}`);
  const scan = (await upload.json()) as { id: string };
  const step = async (who: Api, action: 'attach_signed_scan' | 'confirm_signed', extra: { scan_file_id?: string; requisites_checked?: boolean }) => {
    const doc = ok('GET /documents/{id}', await who.client.GET('/api/v1/documents/{id}', { params: { path: { id: contract.id } } }));
    ok(
      `contract step ${action}`,
      await who.client.POST('/api/v1/documents/{id}/contract-steps', {
        params: { path: { id: contract.id } },
        body: { action, version: doc.version, ...extra },
      }),
    );
  };
  await step(api, 'attach_signed_scan', { scan_file_id: scan.id });
  const admin = await apiAs('admin@demo.local');
  const client = ok('GET /deals/{id}', await admin.client.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } }));
  const card = ok('GET /clients/{id}', await admin.client.GET('/api/v1/clients/{id}', { params: { path: { id: client.client_id! } } }));
  const cp = card.counterparties.find((c) => c.id === counterpartyId);
  if (!cp) throw new Error('no such counterparty');
  if (!cp.approved)
    ok(
      'POST /counterparties/{id}/approval',
      await admin.client.POST('/api/v1/counterparties/{id}/approval', {
        params: { path: { id: counterpartyId } },
        body: { approved: true, version: cp.version },
      }),
    );
  await step(admin, 'confirm_signed', { requisites_checked: true });
}
