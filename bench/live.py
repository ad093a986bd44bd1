#!/usr/bin/env python3
"""Live updates under load (issue 9): STREAMS open `/api/v1/events` streams on one server process,
while CHANGES deal edits are made one after another — on PostgreSQL through a second server
process on the same database (the event reaches the first by the outbox dispatcher and
LISTEN/NOTIFY), on SQLite in the same process. For every stream and change it measures the time
from just before the edit request was sent (so it includes the whole request: an upper bound of
"from the change committed") to the stream receiving that deal's `deal.updated`, and prints the
p50, p99 and maximum, and whether every stream got every change.

Usage: bench/live.py <tessera binary> [streams=500] [changes=40]
Needs: python3 (standard library only); for PostgreSQL psql and TEST_DATABASE_URL's server."""
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

binary = sys.argv[1]
streams = int(sys.argv[2]) if len(sys.argv) > 2 else 500
changes = int(sys.argv[3]) if len(sys.argv) > 3 else 40
pg_admin = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
work = tempfile.mkdtemp(prefix="tessera-live-")


def start(name, url, seed):
    out = open(f"{work}/{name}.out", "w+")
    env = dict(os.environ, TESSERA_DEMO=seed, TESSERA_BIND="127.0.0.1:0", DATABASE_URL=url, TESSERA_FILES_DIR=f"{work}/files",
               TESSERA_STATIC_DIR=work, TESSERA_LOG="error", TESSERA_JWT_SECRET="live-bench-secret-live-bench-secret-42")
    proc = subprocess.Popen([binary, "serve"], stdout=out, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        out.seek(0)
        for line in out.read().splitlines():
            if line.startswith("Tessera listening on "):
                return proc, line.split()[-1]
        time.sleep(0.1)
    sys.exit(f"{name}: the server did not start")


def call(base, method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


async def stream(host, port, token, ready, received, index):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    buf, event, data = b"", None, None
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.strip(b"\r")
            if line.startswith(b"event: "):
                event = line[7:].decode()
            elif line.startswith(b"data: "):
                data = line[6:]
            elif line == b"" and event:
                if event == "ready":
                    ready.set()
                elif event == "change":
                    e = json.loads(data)
                    if e["topic"] == "deal.updated":
                        received.setdefault(e["card_id"], {})[index] = time.monotonic()
                event, data = None, None
            # chunked-encoding size lines and pings fall through


async def run(name, reader_base, writer_base):
    token = call(reader_base, "POST", "/api/v1/auth/login", body={"email": "manager@demo.local", "password": "demo12345"})["access_token"]
    clients = call(reader_base, "GET", "/api/v1/clients?limit=1", token)["items"]
    deals = [call(writer_base, "POST", "/api/v1/deals", token, {"title": f"Живая {i}", "client_id": clients[0]["id"]}) for i in range(changes)]
    await asyncio.sleep(1.5)  # let the creations pass before the streams open
    host, port = reader_base.removeprefix("http://").split(":")
    received = {}
    readies = [asyncio.Event() for _ in range(streams)]
    tasks = [asyncio.create_task(stream(host, int(port), token, readies[i], received, i)) for i in range(streams)]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    sent = {}
    loop = asyncio.get_running_loop()
    for d in deals:
        sent[d["id"]] = time.monotonic()
        await loop.run_in_executor(None, call, writer_base, "PATCH", f"/api/v1/deals/{d['id']}", token, {"version": d["version"], "title": d["title"] + "!"})
        await asyncio.sleep(0.1)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and sum(len(v) for v in received.values()) < streams * changes:
        await asyncio.sleep(0.1)
    for t in tasks:
        t.cancel()
    latencies = sorted((at - sent[card]) * 1000 for card, by in received.items() if card in sent for at in by.values())
    got = len(latencies)
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    print(f"{name}: {streams} streams × {changes} changes: received {got}/{streams * changes}; "
          f"edit sent → event received p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, max {latencies[-1] if latencies else float('nan'):.0f} ms")
    return got == streams * changes and p(0.99) < 1000


def main():
    ok = True
    procs = []
    try:
        a, base = start("sqlite", f"sqlite://{work}/live.db?mode=rwc", "base")
        procs.append(a)
        ok &= asyncio.run(run("SQLite, one process", base, base))
        name = f"live_{uuid.uuid4().hex}"
        if subprocess.run(["psql", pg_admin, "-qc", f"CREATE DATABASE {name}"], capture_output=True).returncode == 0:
            url = pg_admin.rsplit("/", 1)[0] + f"/{name}?sslmode=disable"
            first, first_base = start("pg-a", url, "base")
            second, second_base = start("pg-b", url, "base")
            procs += [first, second]
            try:
                ok &= asyncio.run(run("PostgreSQL, changes through a second process", first_base, second_base))
            finally:
                for p in (first, second):
                    p.terminate()
                    p.wait()
                subprocess.run(["psql", pg_admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
        else:
            print("PostgreSQL unreachable: SQLite only")
    finally:
        for p in procs:
            p.terminate()
    sys.exit(0 if ok else 1)


main()
