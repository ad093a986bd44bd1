#!/usr/bin/env python3
"""Prepares a running Tessera (TESSERA_DEMO=base) for bench/http.sh and prints what the load needs,
one value per line:

  1. the manager's access token;
  2. the board URL (the tile-sale pipeline, filtered to the manager): BOARD deals of the manager
     and BOARD of another person in the same pipeline, a third of the other person's lost;
  3. the ids of MOVERS deals on a bench pipeline whose stages `a` and `b` lead to each other by
     hand, one per load connection, each at stage `a` (space-separated).

Usage: bench/prepare.py <base url> <board deals per person> <movers>"""
import json
import sys
import urllib.error
import urllib.request

base, board_count, movers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")


def login(email):
    return call("POST", "/api/v1/auth/login", body={"email": email, "password": "demo12345"})["access_token"]


def stage(code, name, kind="open"):
    return {"code": code, "name_ru": name, "name_en": code, "color": "#228be6", "kind": kind}


manager, admin = login("manager@demo.local"), login("admin@demo.local")
me = call("GET", "/api/v1/me", manager)
clients = [c for c in call("GET", "/api/v1/clients?limit=200", admin)["items"] if c["organization_id"] == me["organization"]["id"]]
tile = next(p for p in call("GET", "/api/v1/pipelines?kind=deal", manager)["items"] if p["code"] == "tile_sale")
for who in (manager, admin):
    for i in range(board_count):
        d = call("POST", "/api/v1/deals", who, {"title": f"Сделка {i}", "client_id": clients[i % len(clients)]["id"], "expected_revenue": f"{100000 + i}.50"})
        # The other person's deals are noise in the same pipeline, a third of them lost.
        if who is admin and i % 3 == 0:
            call("POST", f"/api/v1/deals/{d['id']}/move", who, {"version": d["version"], "to": "lost", "loss": {"reason": "postponed"}})

# A move with nothing but the move in it: stage events, timeline and outbox, no tasks or requests.
definition = {
    "kind": "deal",
    "stages": [stage("new", "Новая"), stage("a", "Первая"), stage("b", "Вторая"), stage("won", "Выполнено", "won"), stage("lost", "Отказ", "lost")],
    "transitions": [{"from": "new", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}, {"from": "b", "to": "won"}, {"from": "*", "to": "lost"}],
}
bench = call("POST", "/api/v1/pipelines", admin, {"code": "bench_moves", "name_ru": "Замер переходов", "name_en": "Move benchmark", "definition": definition})
ids = []
for i in range(movers):
    d = call("POST", "/api/v1/deals", manager, {"title": f"Переходы {i}", "client_id": clients[i % len(clients)]["id"], "pipeline_id": bench["id"]})
    d = call("POST", f"/api/v1/deals/{d['id']}/move", manager, {"version": d["version"], "to": "a"})
    ids.append(d["id"])

print(manager)
print(f"{base}/api/v1/pipelines/{tile['id']}/board?responsible_id={me['id']}")
print(" ".join(ids))
