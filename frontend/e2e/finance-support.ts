// Money in (issue 11), seeded through the typed API client: a deal walked to «Документы
// подписаны» with a 50/50 invoice, and bank statements in the 1CClientBankExchange format the
// bank client exports — written as text, encoded to windows-1251 bytes as banks write them, with
// accounts that already exist (our requisites, the counterparty's bank account) so every account
// passes its BIK control key.
import { answerDeliveryByApi, ensureRequisites, seedCompanyCounterparty, sendOfferByApi } from './documents-support';
import { seedDeal } from './sales-support';
import { apiAs, baseUrl, PASSWORD } from './support';

type Api = Awaited<ReturnType<typeof apiAs>>;

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} → ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** Ticks the deal's checklist items and moves it on, as the manager does in the card. */
async function tickAndMove(api: Api, dealId: string, items: string[], to: string) {
  let deal = ok('GET /deals/{id}', await api.client.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } }));
  if (items.length > 0)
    deal = ok(
      'PATCH /deals/{id}',
      await api.client.PATCH('/api/v1/deals/{id}', {
        params: { path: { id: dealId } },
        body: { version: deal.version, checklist: Object.fromEntries(items.map((i) => [i, true])) },
      }),
    );
  ok(`move deal to ${to}`, await api.client.POST('/api/v1/deals/{id}/move', { params: { path: { id: dealId } }, body: { to, version: deal.version } }));
}

/** The stage the deal is in now. */
export async function dealStage(dealId: string): Promise<string> {
  const manager = await apiAs('manager@demo.local');
  return ok('GET /deals/{id}', await manager.client.GET('/api/v1/deals/{id}', { params: { path: { id: dealId } } })).stage;
}

/**
 * A deal of a new company with an INN and a bank account, walked over the API through the
 * offer and the terms to a tile-supply contract and a 50/50 invoice e-mailed together, the
 * signed scan attached, the counterparty approved and the signing confirmed: «Документы
 * подписаны», the invoice waiting for its first half.
 */
export async function signedDealWithFiftyFifty(company: string) {
  const manager = await apiAs('manager@demo.local');
  const { deal } = await seedDeal(manager, company);
  const counterparty = await seedCompanyCounterparty(manager, deal.client_id!, company);
  const card = ok('GET /deals/{id}', await manager.client.GET('/api/v1/deals/{id}', { params: { path: { id: deal.id } } }));
  ok(
    'PATCH /deals/{id}',
    await manager.client.PATCH('/api/v1/deals/{id}', {
      params: { path: { id: deal.id } },
      body: { version: card.version, counterparty_id: counterparty.id, delivery_address: 'г. Москва, ул. Лесная, д. 5' },
    }),
  );
  await answerDeliveryByApi(manager, deal.id);
  const offer = await sendOfferByApi(manager, deal.id);
  await tickAndMove(manager, deal.id, [], 'offer_received');
  await tickAndMove(manager, deal.id, ['design_declined'], 'terms');
  await tickAndMove(manager, deal.id, ['objections_after_offer', 'objections_neutralised', 'proposed_contract'], 'requisites_requested');
  await ensureRequisites(deal.organization_id);

  const contract = ok(
    'POST /deals/{id}/contracts',
    await manager.client.POST('/api/v1/deals/{id}/contracts', {
      params: { path: { id: deal.id } },
      body: {
        kind: 'tile_supply',
        signatory: { name: 'Петров Пётр Петрович', acting: 'в лице Генерального директора Петрова Петра Петровича, действующего на основании Устава' },
      },
    }),
  );
  const invoice = ok(
    'POST /deals/{id}/invoices',
    await manager.client.POST('/api/v1/deals/{id}/invoices', {
      params: { path: { id: deal.id } },
      body: { offer_id: offer.id, schedule: { kind: 'fifty_fifty', days: 5 } },
    }),
  );
  const ids = [contract.id, invoice.id];
  const letter = ok(
    'GET /deals/{id}/emails/draft',
    await manager.client.GET('/api/v1/deals/{id}/emails/draft', { params: { path: { id: deal.id }, query: { documents: ids.join(',') } } }),
  );
  ok(
    'POST /deals/{id}/emails',
    await manager.client.POST('/api/v1/deals/{id}/emails', {
      params: { path: { id: deal.id } },
      body: { document_ids: ids, to_address: letter.to_address ?? 'client@example.ru', subject: letter.subject, body: letter.body },
    }),
  );

  // The scan the client signed, uploaded to the deal (a raw body: the typed client sends JSON).
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: manager.me.email, password: PASSWORD }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const upload = await fetch(`${baseUrl}/api/v1/deals/${deal.id}/files?name=${encodeURIComponent('Договор подписанный.pdf')}`, {
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
      await who.client.POST('/api/v1/documents/{id}/contract-steps', { params: { path: { id: contract.id } }, body: { action, version: doc.version, ...extra } }),
    );
  };
  await step(manager, 'attach_signed_scan', { scan_file_id: scan.id });
  const admin = await apiAs('admin@demo.local');
  const client = ok('GET /clients/{id}', await admin.client.GET('/api/v1/clients/{id}', { params: { path: { id: deal.client_id! } } }));
  const cp = client.counterparties.find((c) => c.id === counterparty.id)!;
  if (!cp.approved)
    ok(
      'POST /counterparties/{id}/approval',
      await admin.client.POST('/api/v1/counterparties/{id}/approval', {
        params: { path: { id: counterparty.id } },
        body: { approved: true, version: cp.version },
      }),
    );
  await step(admin, 'confirm_signed', { requisites_checked: true });

  const stage = await dealStage(deal.id);
  if (stage !== 'documents_signed') throw new Error(`the deal is in «${stage}», not «Документы подписаны»`);
  return { deal, counterparty, invoice };
}

/** The sides of a statement line: our account (the head company's requisites) and the payer's
 * (the deal's counterparty: its INN and the bank account it has on file). */
export interface StatementSides {
  ours: { account: string; bik: string; inn: string; name: string };
  payer: { account: string; bik: string; inn: string; name: string };
}

export async function statementSides(organizationId: string, clientId: string, counterpartyId: string): Promise<StatementSides> {
  const accountant = await apiAs('accountant@demo.local');
  const r = ok(
    'GET /organizations/{id}/requisites',
    await accountant.client.GET('/api/v1/organizations/{id}/requisites', { params: { path: { id: organizationId } } }),
  );
  const client = ok('GET /clients/{id}', await accountant.client.GET('/api/v1/clients/{id}', { params: { path: { id: clientId } } }));
  const cp = client.counterparties.find((c) => c.id === counterpartyId);
  const bank = cp?.bank_accounts[0];
  if (!r.bank_account || !r.bik || !r.inn) throw new Error('the organization has no bank account in its requisites');
  if (!cp?.inn || !bank) throw new Error('the counterparty has no INN or bank account');
  return {
    ours: { account: r.bank_account, bik: r.bik, inn: r.inn, name: r.short_name ?? r.full_name ?? '' },
    payer: { account: bank.account_number, bik: bank.bik, inn: cp.inn, name: cp.name },
  };
}

/** One incoming payment order of a statement. */
export interface Order {
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Roubles with a decimal point, as the bank writes them: "102920.00". */
  amount: string;
  purpose: string;
}

/** `YYYY-MM-DD` → `дд.мм.гггг`. */
export const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('.');

/** `YYYY-MM-DD` of today here (a statement's dates may not be in the future). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The statement's text: the header, our account's section, the payment orders, CRLF line ends. */
export function statementText({ ours, payer }: StatementSides, orders: Order[]): string {
  const day = ddmmyyyy(orders[0]?.date ?? todayIso());
  const lines = [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'Отправитель=СберБизнес',
    'Получатель=1С:Предприятие',
    `ДатаСоздания=${day}`,
    `ДатаНачала=${day}`,
    `ДатаКонца=${day}`,
    `РасчСчет=${ours.account}`,
    'Документ=Платежное поручение',
    'СекцияРасчСчет',
    `ДатаНачала=${day}`,
    `ДатаКонца=${day}`,
    `РасчСчет=${ours.account}`,
    'КонецРасчСчет',
  ];
  for (const o of orders) {
    const date = ddmmyyyy(o.date);
    lines.push(
      'СекцияДокумент=Платежное поручение',
      `Номер=${o.number}`,
      `Дата=${date}`,
      `Сумма=${o.amount}`,
      `ПлательщикСчет=${payer.account}`,
      `Плательщик=ИНН ${payer.inn} ${payer.name}`,
      `ПлательщикИНН=${payer.inn}`,
      `Плательщик1=${payer.name}`,
      `ПлательщикРасчСчет=${payer.account}`,
      `ПлательщикБИК=${payer.bik}`,
      `ДатаСписано=${date}`,
      `ПолучательСчет=${ours.account}`,
      `Получатель=ИНН ${ours.inn} ${ours.name}`,
      `ПолучательИНН=${ours.inn}`,
      `Получатель1=${ours.name}`,
      `ПолучательРасчСчет=${ours.account}`,
      `ПолучательБИК=${ours.bik}`,
      `ДатаПоступило=${date}`,
      'ВидОплаты=01',
      'Очередность=5',
      `НазначениеПлатежа=${o.purpose}`,
      'КонецДокумента',
    );
  }
  lines.push('КонецФайла');
  return lines.join('\r\n') + '\r\n';
}

/**
 * Text → windows-1251 bytes, for the letters a statement has: ASCII as is, А–я (U+0410–U+044F) →
 * 0xC0–0xFF, Ё → 0xA8, ё → 0xB8, № → 0xB9, « → 0xAB, » → 0xBB. Anything else is refused rather
 * than written wrong.
 */
export function toWindows1251(text: string): Buffer {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb };
  const bytes = [...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    const b = special[ch];
    if (b === undefined) throw new Error(`windows-1251 has no «${ch}» here`);
    return b;
  });
  return Buffer.from(bytes);
}

/** A statement file as the bank client saves it. */
export const statementFile = (sides: StatementSides, orders: Order[]) => toWindows1251(statementText(sides, orders));
