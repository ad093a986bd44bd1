#!/usr/bin/env python3
"""Seeds a running Tessera (demo users, TESSERA_DEMO=base) with open deals for the board benchmark:
N deals of manager@demo.local and N of admin@demo.local, spread over the tile-sale funnel's first
stages. Prints the board URL (the manager's filter) and the manager's access token."""
import json
import sys
import urllib.request

base, count = sys.argv[1], int(sys.argv[2])


def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def login(email):
    return call("POST", "/api/v1/auth/login", body={"email": email, "password": "demo12345"})["access_token"]


manager, admin = login("manager@demo.local"), login("admin@demo.local")
me = call("GET", "/api/v1/me", manager)
clients = call("GET", "/api/v1/clients?limit=200", admin)["items"]
head = [c for c in clients if c["organization_id"] == me["organization"]["id"]]
pipeline = next(p for p in call("GET", "/api/v1/pipelines?kind=deal", manager)["items"] if p["code"] == "tile_sale")
for who in (manager, admin):
    for i in range(count):
        d = call("POST", "/api/v1/deals", who, {"title": f"Сделка {i}", "client_id": head[i % len(head)]["id"], "expected_revenue": f"{100000 + i}.50"})
        # The other person's deals are noise in the same pipeline, a third of them lost.
        if who is admin and i % 3 == 0:
            call("POST", f"/api/v1/deals/{d['id']}/move", who, {"version": d["version"], "to": "lost", "loss": {"reason": "postponed"}})
print(f"{base}/api/v1/pipelines/{pipeline['id']}/board?responsible_id={me['id']}")
print(manager)
