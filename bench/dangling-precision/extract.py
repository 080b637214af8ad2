#!/usr/bin/env python3
"""Per finding of the two blanket checks: the coroutine it is about and the
statements that call or start it, for the triage in judge.py. CORPUS is the
directory that holds the checkouts."""
import os, re, json, sys
CORPUS = os.environ["CORPUS"].rstrip("/") + "/"
SRC = {'asio': 'blanket-asio.txt', 'libcoro': 'blanket-libcoro-net.txt',
       'async_simple': 'blanket-async_simple.txt'}

def findings():
    for p, f in SRC.items():
        for m in re.finditer(r'^(' + re.escape(CORPUS) + r'\S+?):(\d+):(\d+): warning: (.*) \[cppcoreguidelines-([a-z-]+)\]$',
                             open(f).read(), re.M):
            yield dict(project=p, file=m[1], line=int(m[2]), col=int(m[3]), check=m[5])

def blank(text):
    """Comments and string literals replaced by spaces (offsets kept), so
    that a coroutine's name in a log message is not taken for a call."""
    def sp(m): return re.sub(r'[^\n]', ' ', m[0])
    return re.sub(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"', sp, text, flags=re.S)

def offset(text, line, col):
    lines = text.split('\n')
    return sum(len(l) + 1 for l in lines[:line - 1]) + col - 1

def open_paren_before(text, pos):
    depth = 0
    i = pos
    while i > 0:
        i -= 1
        c = text[i]
        if c in ')]}':
            depth += 1
        elif c in '([{':
            if depth == 0:
                return i if c == '(' else None
            depth -= 1
    return None

def name_before(text, pos):
    """The callee name of a parameter list opening at pos: a function name,
    or the variable a lambda is assigned to ('' for an anonymous lambda)."""
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if text[j] == ']':  # lambda introducer
        k = text.rfind('[', 0, j)
        m = re.search(r'(\w+)\s*=\s*$', text[max(0, k - 200):k])
        return ('lambda', m[1] if m else '', k)
    m = re.search(r'([~\w:]+)\s*$', text[:j + 1])
    name = m[1].split('::')[-1] if m else ''
    return ('function', name, m.start(1) if m else j)

def enclosing_brace(text, pos):
    depth = 0; i = pos
    while i > 0:
        i -= 1
        c = text[i]
        if c == '}': depth += 1
        elif c == '{':
            if depth == 0: return i
            depth -= 1
    return None

def close_of(text, pos):
    depth = 0
    for j in range(pos, len(text)):
        if text[j] == '{': depth += 1
        elif text[j] == '}':
            depth -= 1
            if depth == 0: return j
    return len(text)

def statement_at(text, pos):
    """The statement around pos: back to ; { } at depth 0, forward to ;."""
    depth = 0; i = pos
    while i > 0:
        c = text[i - 1]
        if c in ')]': depth += 1
        elif c in '([':
            if depth == 0: pass
            else: depth -= 1
        elif c in ';{}' and depth == 0: break
        i -= 1
    depth = 0; j = pos
    while j < len(text):
        c = text[j]
        if c in '([{': depth += 1
        elif c in ')]}':
            depth -= 1
            if depth < 0: break
        elif c == ';' and depth == 0: break
        j += 1
    return text[i:j + 1].strip()

if __name__ == '__main__':
    out = []
    cache = {}
    for f in findings():
        text = cache.setdefault(f['file'], blank(open(f['file'], errors='replace').read()))
        pos = offset(text, f['line'], f['col'])
        if f['check'] == 'avoid-reference-coroutine-parameters':
            p = open_paren_before(text, pos)
            kind, name, at = name_before(text, p)
            f['param'] = re.match(r'[\w:<>,\s\*&]*?(\w+)\s*$', text[pos:pos+0] ) and None
            f['param_text'] = text[pos:pos+60].split(',')[0].split(')')[0]
        else:
            kind, name, at = 'lambda', None, pos
            m = re.search(r'(\w+)\s*=\s*$', text[max(0, pos - 200):pos])
            name = m[1] if m else ''
        f['kind'], f['name'] = kind, name
        f['def_line'] = text.count('\n', 0, at) + 1
        calls = []
        lo, hi = 0, len(text)
        if kind == 'lambda':
            # a lambda is called only in the block it is declared in
            ob = enclosing_brace(text, at)
            lo, hi = at, close_of(text, ob) if ob is not None else len(text)
        f['scope'] = [text.count('\n', 0, lo) + 1, text.count('\n', 0, hi) + 1]
        if name:
            for m in re.finditer(r'(?<![\w.])' + re.escape(name) + r'\s*\(', text[:hi]):
                if m.start() < lo: continue
                ln = text.count('\n', 0, m.start()) + 1
                if ln == f['def_line']:
                    continue
                calls.append((ln, ' '.join(statement_at(text, m.start()).split())[:300]))
        else:
            # anonymous lambda: the statement it is in
            calls.append((f['def_line'], ' '.join(statement_at(text, at).split())[:300]))
        f['calls'] = calls
        out.append(f)
    json.dump(out, open('findings.json', 'w'), indent=1)
    print(len(out))
