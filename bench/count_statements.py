#!/usr/bin/env python3
"""Counts the SQL statements PostgreSQL receives for one request of each kind that matters for
speed: a deal's stage move, a lead's stage move, a deal card read, a board read.

Usage: bench/count_statements.py [--show] <tessera binary> [admin database url]
(--show prints each statement, shortened.)

It creates its own database with `log_statement = 'all'`, starts the binary on it (TESSERA_DEMO=base,
no TLS), prepares a deal and a lead through the API, and for each measured request counts the
`statement:` and `execute` lines the server's connections left in the PostgreSQL log (BEGIN and
COMMIT included). Reads the log file of the local cluster, so it runs on the database's machine."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

show = "--show" in sys.argv
args = [a for a in sys.argv[1:] if a != "--show"]
binary = args[0]
admin = args[1] if len(args) > 1 else os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
log_file = next(iter(sorted(f"/var/log/postgresql/{f}" for f in os.listdir("/var/log/postgresql") if f.endswith("-main.log"))))
db = f"stmt_{os.getpid()}"
root = admin.rsplit("/", 1)[0]


def psql(sql):
    subprocess.run(["psql", admin, "-qc", sql], check=True, stdout=subprocess.DEVNULL)


psql(f"CREATE DATABASE {db}")
psql(f"ALTER DATABASE {db} SET log_statement = 'all'")
work = tempfile.mkdtemp()
env = dict(os.environ, DATABASE_URL=f"{root}/{db}?sslmode=disable", TESSERA_DEMO="base", TESSERA_BIND="127.0.0.1:0", TESSERA_LOG="warn",
           TESSERA_JWT_SECRET="count-statements-secret-count-statements", TESSERA_STATIC_DIR=work, TESSERA_FILES_DIR=f"{work}/files")
server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.PIPE, text=True)
try:
    for line in server.stdout:
        if line.startswith("Tessera listening on "):
            base = line.split()[-1]
            break

    def call(method, path, token=None, body=None):
        req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read() or b"null")

    def login(email):
        return call("POST", "/api/v1/auth/login", body={"email": email, "password": "demo12345"})["access_token"]

    def lines():
        with open(log_file, encoding="utf-8", errors="replace") as f:
            return f.readlines()

    def counted(what, action):
        time.sleep(0.3)
        before = len(lines())
        action()
        time.sleep(0.5)
        mine = [l for l in lines()[before:] if f"@{db} " in l and re.search(r"LOG:\s+(statement|execute)", l)]
        kinds = {}
        for l in mine:
            sql = re.split(r"LOG:\s+(?:statement|execute [^:]*):\s*", l, maxsplit=1)[-1].strip()
            key = sql.split()[0].upper() if sql else "?"
            kinds[key] = kinds.get(key, 0) + 1
            if show:
                print("    " + sql[:160])
        print(f"{what:<32} {len(mine):>3} statements  {dict(sorted(kinds.items()))}")

    manager, logistician = login("manager@demo.local"), login("logistician@demo.local")
    me = call("GET", "/api/v1/me", manager)
    client = next(c for c in call("GET", "/api/v1/clients?limit=200", manager)["items"] if c["organization_id"] == me["organization"]["id"])
    deal = call("POST", "/api/v1/deals", manager, {"title": "Счёт запросов", "client_id": client["id"], "expected_revenue": "100000.00", "delivery_address": "Москва"})
    req = call("GET", f"/api/v1/requests?deal_id={deal['id']}", logistician)["items"][0]
    call("POST", f"/api/v1/requests/{req['id']}/complete", logistician, {"version": req["version"], "cost": "1000", "carrier": "ПЭК", "eta_date": time.strftime("%Y-%m-%d")})
    deal = call("GET", f"/api/v1/deals/{deal['id']}", manager)
    # «КП отправлено» comes from e-mailing the offer (issue 10).
    offer = call("POST", f"/api/v1/deals/{deal['id']}/offers", manager, {"lines": [{"name": "Плитка", "unit": "m2", "quantity": "10", "price": "2000", "vat": "vat22"}]})
    call("POST", f"/api/v1/deals/{deal['id']}/emails", manager, {"document_ids": [offer["id"]], "to_address": "client@example.com", "subject": "КП", "body": "КП во вложении"})
    deal = call("GET", f"/api/v1/deals/{deal['id']}", manager)
    counted("move a deal (offer_sent → received)", lambda: call("POST", f"/api/v1/deals/{deal['id']}/move", manager, {"version": deal["version"], "to": "offer_received"}))
    counted("read a deal card", lambda: call("GET", f"/api/v1/deals/{deal['id']}", manager))
    lead = call("POST", "/api/v1/leads", manager, {"channel": "site", "phone": "+79001234567"})
    lead = call("POST", f"/api/v1/leads/{lead['id']}/move", manager, {"version": lead["version"], "to": "in_work"})
    counted("move a lead (in_work → offer sent)", lambda: call("POST", f"/api/v1/leads/{lead['id']}/move", manager, {"version": lead["version"], "to": "typical_offer_sent"}))
    board = f"/api/v1/pipelines/{deal['pipeline_id']}/board?responsible_id={me['id']}"
    counted("read a deal board", lambda: call("GET", board, manager))
finally:
    server.terminate()
    server.wait()
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
