#!/usr/bin/env python3
"""First pass of the triage: the shape of each statement that calls the coroutine."""
import json, re, collections
def shape(stmt, name):
    i = stmt.find(name) if name else 0
    before = stmt[:max(i, 0)]
    if re.search(r'\bco_await\b', before) or re.search(r'\bco_return\b', before) and 'co_await' in before: return 'awaited'
    if re.search(r'sync_wait|syncAwait|blockingWait', before): return 'sync_wait'
    if re.search(r'\.(emplace_back|push_back|emplace|insert)\s*\(', before): return 'stored-container'
    if re.search(r'\bco_spawn\s*\(', before): return 'co_spawn'
    if re.search(r'spawn_detached|spawn_joinable|\bspawn\s*\(|\.start\s*\(|\bschedule\s*\(', before + stmt[i:]): return 'spawned'
    if re.search(r'^\s*(auto|[\w:<>]+)\s+\w+\s*=\s*$', before): return 'local-holder'
    if re.search(r'\breturn\b', before): return 'returned'
    return 'other'
if __name__ == '__main__':
    d = json.load(open('findings.json'))
    c = collections.Counter()
    for f in d:
        f['shapes'] = sorted({shape(s, f['name']) for _, s in f['calls']})
        c[(f['project'], tuple(f['shapes']))] += 1
    for k, v in sorted(c.items()): print(v, k)
    json.dump(d, open('findings.json', 'w'), indent=1)
