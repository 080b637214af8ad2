#!/usr/bin/env python3
"""Second pass: a verdict for each finding whose call sites all have a shape
that decides it; the rest are listed for reading (manual.py holds those)."""
import os, json, re, collections, sys
d = json.load(open('findings.json'))
texts = {}
def text(f): return texts.setdefault(f['file'], open(f['file'], errors='replace').read())
def lines(f): return text(f).split('\n')
def rest_of_scope(f, line):
    L = lines(f); end = f['scope'][1] if f['kind'] == 'lambda' else len(L)
    return '\n'.join(L[line:end])

def site_verdict(f, ln, stmt, shp):
    n = f['name']
    if shp == 'awaited': return ('safe', 'awaited at once (co_await in the same full-expression)')
    if shp == 'sync_wait': return ('safe', 'joined at once: a synchronous wait (sync_wait / syncAwait) in the same full-expression')
    if shp == 'stored-container':
        m = re.search(r'(\w+)\s*(?:\.|->)\s*(?:emplace_back|push_back|emplace|insert)\s*\(', stmt)
        cont = m[1] if m else None
        after = rest_of_scope(f, ln)
        if cont and re.search(r'(sync_wait|co_await|syncAwait)[^;]*(when_all|when_any|collectAll\w*)\s*\(\s*(std::move\s*\(\s*)?' + cont + r'\b', after, re.S):
            return ('safe', 'stored in a local container that is joined later in the scope (sync_wait/co_await of when_all over it)')
        return None
    if shp == 'local-holder':
        m = re.search(r'(\w+)\s*=\s*' + re.escape(n), stmt)
        h = m[1] if m else None
        after = rest_of_scope(f, ln)
        if h and re.search(r'(co_await|sync_wait|syncAwait|when_all|collectAll\w*)\s*[\(\s]*(std::move\s*\(\s*)?' + h + r'\b', after):
            return ('safe', 'held in a local that is awaited / synchronously waited for later in the scope')
        if h and re.search(r'\b' + h + r'\s*\.\s*(resume|async_resume)\s*\(', after):
            return ('safe', 'held in a local declared after what it refers to and resumed by hand in that scope: destroyed first')
        return None
    if shp == 'co_spawn':
        after = rest_of_scope(f, ln)
        if re.search(r'\.run\s*\(\s*\)', '\n'.join(lines(f)[ln:ln + 12])):
            return ('safe', 'spawned in main, followed by io_context::run(): the arguments (main\'s locals) outlive the loop')
        return None
    return None

manual = {}
try:
    from manual import MANUAL
    manual = MANUAL
except ImportError:
    pass

undecided = []
for f in d:
    key = '%s:%d:%d' % (f['file'].replace(os.environ['CORPUS'].rstrip('/') + '/', ''), f['line'], f['col'])
    f['key'] = key
    mk = key.rsplit(':', 1)[0]
    if mk in manual:
        f['verdict'], f['reason'] = manual[mk]; f['by'] = 'read'; continue
    vs = [site_verdict(f, ln, s, sh) for (ln, s), sh in zip(f['calls'], [__import__('classify').shape(s, f['name']) for _, s in f['calls']])]
    if vs and all(vs):
        dang = [v for v in vs if v[0] == 'dangling']
        f['verdict'], f['reason'] = (dang[0] if dang else sorted(vs)[0]); f['by'] = 'script'
    else:
        f['verdict'], f['reason'] = None, None
        undecided.append(f)
json.dump(d, open('judged.json', 'w'), indent=1)
c = collections.Counter((f['project'], f['verdict'], f['reason']) for f in d)
for k, v in sorted(c.items(), key=str): print(v, k)
print(len(undecided), 'undecided')
if len(sys.argv) > 1:
    for f in undecided:
        print('\n##', f['key'], f['check'].split('-')[1], f['kind'], f['name'], f.get('param_text', ''), 'scope', f['scope'])
        for ln, s in f['calls']: print('   %d: %s' % (ln, s[:220]))
