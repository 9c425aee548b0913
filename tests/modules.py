#!/usr/bin/env python3
"""modules.py - the module structure, from the object files: no call
cycles between modules (an edge A -> B when A.o uses a function B.o
defines), each src/X.h declaring only functions src/X.c defines, and no
function in src/ longer than MAX_LINES (a function should read at once).
Usage: tests/modules.py OBJ...   (make test passes the library's and the
tool's objects)"""
import glob, os, re, subprocess, sys

MAX_LINES = 120

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

# no mutable static state: nothing in .data or .bss (tables are const and
# live in .rodata or .data.rel.ro), so separate handles in separate
# threads share nothing writable (ndr.h's thread rule)
# (a sanitizer's instrumentation adds data of its own: those builds skip it)
sanitized = {m for m, u in uses.items() if any(re.match(r'__(asan|ubsan|tsan)_', x) for x in u)}
for o in objs:
    if re.sub(r'^.*?/obj/', '', o)[:-2] in sanitized:
        continue
    out = subprocess.run(['objdump', '-h', o], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) > 3 and re.match(r'^\.(data|bss)(\.|$)', f[1]) and 'rel.ro' not in f[1] \
                and int(f[2], 16) > 0:
            print(f'modules: {o}: {int(f[2], 16)} bytes of mutable static data ({f[1]})',
                  file=sys.stderr)
            fail = 1

# the tool sees the library through include/ndr.h alone
for path in sorted(glob.glob('src/cli/*.[ch]')):
    for inc in re.findall(r'^#include "([^"]+)"', open(path).read(), re.M):
        if inc != 'ndr.h' and ('/' in inc or not os.path.exists(os.path.join('src/cli', inc))):
            print(f'modules: {path} includes "{inc}", not the tool\'s own or ndr.h',
                  file=sys.stderr)
            fail = 1

# function lengths: from a definition's first line (at column 0, with its
# '(') to the '}' that closes it at column 0
longest = (0, '', '')
for path in sorted(glob.glob('src/**/*.c', recursive=True)):
    start = name = None
    for i, line in enumerate(open(path).read().split('\n')):
        if start is None:
            m = re.match(r'^[A-Za-z_][^;=]*?\b(\w+)\(', line)
            if m and not line.startswith(('typedef', 'static const', '#')) and \
                    not line.rstrip().endswith(';'):
                start, name = i, m.group(1)
        elif line.startswith('}'):
            n = i - start + 1
            longest = max(longest, (n, path, name))
            if n > MAX_LINES:
                print(f'modules: {path}: {name} is {n} lines, over {MAX_LINES}', file=sys.stderr)
                fail = 1
            start = None

if not fail:
    print('static data: none writable in any module' +
          (' (not checked: sanitizer build)' if sanitized else ''))
    print(f'functions: the longest is {longest[2]} ({longest[1]}), {longest[0]} lines')
    print(f'modules: {len(edges)} modules, {sum(map(len, edges.values()))} call edges, no cycle;'
          ' every header declares its own module\'s functions')
sys.exit(fail)
