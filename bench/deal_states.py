#!/usr/bin/env python3
"""Prints `<id>:<version>:<stage>` of each deal, space-separated (the state bench/move.lua starts from).
Usage: bench/deal_states.py <base url> <token> <deal id>..."""
import json
import sys
import urllib.request

base, token, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
out = []
for i in ids:
    req = urllib.request.Request(f"{base}/api/v1/deals/{i}", headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        d = json.loads(r.read())
    out.append(f"{d['id']}:{d['version']}:{d['stage']}")
print(" ".join(out))
