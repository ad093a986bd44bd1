#!/usr/bin/env python3
"""Issue 11's import benchmark: a bank statement of 10,000 payment orders against 50,000 open
invoices, end to end over HTTP (upload and preview, then commit), on a running release server;
then the same file again (nothing new, nothing written).

The open invoices are written straight into the database (a realistic spread: 5,000 buyers with
their own INNs, spread over BENCH_DEALS deals made through the API), because issuing 50,000 invoices
through the documents use cases would take the benchmark an hour. The statement is generated:
nine payments in ten name their invoice («Оплата по счету № N от dd.mm.yyyy») and come from its
buyer's INN; the rest name nothing and wait in the unmatched queue.

Usage: bench/statement_import.py <base url> <database url> [orders] [invoices]
Prints one line per measure; BENCH_DEALS (default a tenth of the invoices) deals carry them."""
import datetime
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

base, db_url = sys.argv[1], sys.argv[2]
orders = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
invoices = int(sys.argv[4]) if len(sys.argv) > 4 else 50_000
# Deals are made through the API (their search index is the server's): ten invoices a deal.
deal_count = int(os.environ.get("BENCH_DEALS", str(invoices // 10)))
buyers = 5_000
random.seed(11)


def call(method, path, token=None, body=None, raw=None, ctype="application/json"):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(base + path, method=method, data=data)
    req.add_header("Content-Type", ctype)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()[:2000]}")


def login(email):
    return call("POST", "/api/v1/auth/login", body={"email": email, "password": "demo12345"})["access_token"]


def with_key(bik, body):
    """A 20-digit account passing the control key at `bik` (digit 9 chosen)."""
    weights = [7, 1, 3] * 8
    for k in range(10):
        acc = body[:8] + str(k) + body[9:]
        digits = bik[-3:] + acc
        if sum(int(d) * w % 10 for d, w in zip(digits, weights)) % 10 == 0:
            return acc
    raise ValueError(body)


admin, manager, accountant = login("admin@demo.local"), login("manager@demo.local"), login("accountant@demo.local")
me = call("GET", "/api/v1/me", manager)
head = me["organization"]["id"]
req = call("GET", f"/api/v1/organizations/{head}/requisites", admin)
own_account, own_bik = req["bank_account"], req["bik"]
client = next(c for c in call("GET", "/api/v1/clients?limit=200", admin)["items"] if c["organization_id"] == head)
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(8) as pool:
    deals = list(pool.map(lambda i: call("POST", "/api/v1/deals", manager, {"title": f"Импорт {i}", "client_id": client["id"]})["id"], range(deal_count)))

today = datetime.date.today()
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
year = today.year
due = (today + datetime.timedelta(days=5)).isoformat()
rows_cp, rows_doc, rows_part, inv = [], [], [], []
for b in range(buyers):
    rows_cp.append((uuid.uuid4(), b, f"77{b:08d}"))
for i in range(invoices):
    doc, part = uuid.uuid4(), uuid.uuid4()
    seq = 1_000_000 + i
    total = random.randint(10_000, 5_000_000) * 100
    cp = rows_cp[i % buyers]
    deal = deals[i % len(deals)]
    rows_doc.append((doc, seq, total, cp[0], deal))
    rows_part.append((part, doc, total))
    inv.append((str(seq), total, cp[2]))

t = time.time()
if db_url.startswith("sqlite:"):
    path = db_url.split("://", 1)[1].split("?", 1)[0]
    con = sqlite3.connect(path)
    b = lambda u: u.bytes
    con.executemany(
        "INSERT INTO counterparties (id, client_id, organization_id, kind, name, inn, approved, created_at, updated_at, version) VALUES (?,?,?,'legal_entity',?,?,1,?,?,1)",
        [(b(cid), b(uuid.UUID(client["id"])), b(uuid.UUID(head)), f"ООО «Покупатель {n}»", inn, now, now) for cid, n, inn in rows_cp],
    )
    con.executemany(
        "INSERT INTO documents (id, organization_id, deal_id, client_id, counterparty_id, kind, seq, year, number, doc_date, status, version_no, currency, total_minor, vat_total_minor, requisites_checked, created_at, updated_at, version) "
        "VALUES (?,?,?,?,?,'invoice',?,?,?,?,'issued',1,'RUB',?,0,0,?,?,1)",
        [(b(doc), b(uuid.UUID(head)), b(uuid.UUID(deal)), b(uuid.UUID(client["id"])), b(cp), seq, year, str(seq), today.isoformat(), total, now, now) for doc, seq, total, cp, deal in rows_doc],
    )
    con.executemany("INSERT INTO schedule_parts (id, document_id, position, percent, amount_minor, due_date) VALUES (?,?,0,'100',?,?)", [(b(p), b(d), tot, due) for p, d, tot in rows_part])
    con.commit()
    con.close()
else:
    lines = ["BEGIN;"]
    lines.append("COPY counterparties (id, client_id, organization_id, kind, name, inn, approved, created_at, updated_at, version) FROM STDIN;")
    lines += [f"{cid}\t{client['id']}\t{head}\tlegal_entity\tООО «Покупатель {n}»\t{inn}\tt\t{now}\t{now}\t1" for cid, n, inn in rows_cp] + ["\\."]
    lines.append("COPY documents (id, organization_id, deal_id, client_id, counterparty_id, kind, seq, year, number, doc_date, status, version_no, currency, total_minor, vat_total_minor, requisites_checked, created_at, updated_at, version) FROM STDIN;")
    lines += [f"{doc}\t{head}\t{deal}\t{client['id']}\t{cp}\tinvoice\t{seq}\t{year}\t{seq}\t{today.isoformat()}\tissued\t1\tRUB\t{total}\t0\tf\t{now}\t{now}\t1" for doc, seq, total, cp, deal in rows_doc] + ["\\."]
    lines.append("COPY schedule_parts (id, document_id, position, percent, amount_minor, due_date) FROM STDIN;")
    lines += [f"{p}\t{d}\t0\t100\t{tot}\t{due}" for p, d, tot in rows_part] + ["\\.", "COMMIT;", "ANALYZE;"]
    done = subprocess.run(["psql", db_url, "-q", "-v", "ON_ERROR_STOP=1"], input="\n".join(lines).encode(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        sys.exit("seeding failed: " + done.stderr.decode()[:2000])
print(f"seeded: {invoices} open invoices of {buyers} buyers on {len(deals)} deals in {time.time() - t:.1f} s")

# The statement: windows-1251, CRLF, as a bank client exports it.
sber = "044525225"
d = today.strftime("%d.%m.%Y")
parts = ["1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=Windows", "Отправитель=Сбербанк Бизнес Онлайн", f"ДатаНачала={d}", f"ДатаКонца={d}",
         f"РасчСчет={own_account}", "СекцияРасчСчет", f"РасчСчет={own_account}", "КонецРасчСчет"]
for j in range(orders):
    number, total, inn = inv[random.randrange(invoices)]
    payer = with_key(sber, f"407028100400{j:08d}")
    amount = f"{total / 100:.2f}" if j % 4 else f"{total // 200 / 100:.2f}"
    purpose = f"Оплата по счету № {number} от {d} за плитку резиновую, в т.ч. НДС 22%" if j % 10 else "Оплата за плитку резиновую"
    parts += ["СекцияДокумент=Платежное поручение", f"Номер={j + 1}", f"Дата={d}", f"Сумма={amount}", f"ПлательщикСчет={payer}", f"Плательщик=ООО «Покупатель»",
              f"ПлательщикИНН={inn}", f"ПлательщикБИК={sber}", f"ПолучательСчет={own_account}", "Получатель=ООО «АртПрайм»", f"ПолучательБИК={own_bik}",
              f"НазначениеПлатежа={purpose}", f"ДатаПоступило={d}", "КонецДокумента"]
parts.append("КонецФайла")
file = ("\r\n".join(parts) + "\r\n").encode("cp1251")


def run_import():
    t0 = time.time()
    p = call("POST", "/api/v1/statements/preview", accountant, raw=file, ctype="text/plain")
    t1 = time.time()
    r = call("POST", "/api/v1/statements", accountant, body={"hash": p["hash"], "file_name": "bench.txt"})
    t2 = time.time()
    return p, r, t1 - t0, t2 - t1


p, r, preview_s, commit_s = run_import()
why = {}
for line in p["lines"]:
    m = line.get("matching") or {}
    why[m.get("why") or m.get("kind")] = why.get(m.get("why") or m.get("kind"), 0) + 1
print("matching:", ", ".join(f"{k} {v}" for k, v in sorted(why.items(), key=lambda x: -x[1])))
print(f"import: {len(file) / 1e6:.1f} MB, {orders} orders: preview {preview_s:.2f} s + commit {commit_s:.2f} s = {preview_s + commit_s:.2f} s "
      f"(new {p['new']}, matched {p['matched']}; imported {r['imported']}, unmatched {r['unmatched']})")
p2, r2, preview2, commit2 = run_import()
print(f"again: preview {preview2:.2f} s + commit {commit2:.2f} s = {preview2 + commit2:.2f} s (new {p2['new']}, duplicates {p2['duplicates']}, imported {r2['imported']})")
