#!/usr/bin/env python3
"""modules.py - the library's module structure, from its object files:
no call cycles between modules (an edge A -> B when A.o uses a function
B.o defines), and each src/X.h declaring only functions src/X.c defines.
Usage: tests/modules.py OBJ...   (make test passes the library's objects)"""
import os, re, subprocess, sys

objs = sys.argv[1:]
defs, uses = {}, {}
for o in objs:
    mod = re.sub(r'^.*?/obj/', '', o)[:-2]
    uses[mod] = set()
    for line in subprocess.run(['nm', o], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in 'TDRB':
            defs[f[2]] = mod
        elif len(f) == 2 and f[0] == 'U':
            uses[mod].add(f[1])
edges = {m: sorted({defs[s] for s in u if s in defs and defs[s] != m}) for m, u in uses.items()}

# Tarjan's strongly connected components: any of more than one module is a cycle
index, low, stack, on, cycles = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            cycles.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        visit(v)

fail = 0
for c in cycles:
    print('modules: call cycle between ' + ', '.join(c), file=sys.stderr)
    for a in c:
        for b in edges[a]:
            if b in c:
                print(f'  {a} -> {b}', file=sys.stderr)
    fail = 1

# headers: a prototype in src/X.h must be defined in X.c (static inline aside)
proto = re.compile(r'^[a-zA-Z_][\w \*]*?\b(ndr_\w+)\(', re.M)
for mod in sorted(uses):
    h = os.path.join('src', mod + '.h')
    if not os.path.exists(h):
        continue
    text = re.sub(r'/\*.*?\*/', '', open(h).read(), flags=re.S)
    text = re.sub(r'static inline[^{]*\{.*?\n\}', '', text, flags=re.S)
    for name in proto.findall(text):
        if defs.get(name) != mod:
            print(f'modules: {h} declares {name}, which {defs.get(name, "no module")} defines',
                  file=sys.stderr)
            fail = 1

if not fail:
    print(f'modules: {len(edges)} modules, {sum(map(len, edges.values()))} call edges, no cycle;'
          ' every header declares its own module\'s functions')
sys.exit(fail)
