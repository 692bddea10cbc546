#!/usr/bin/env python3
"""Turns `public const string X = "english";` in a Strings*.cs file into a localised property
`public static string X => UiLanguage.Pick("english", StringsZhCN.X);` (used when merging branches that added
English-only strings; then add X to the assembly's StringsZhCN.cs). Prints the names it converted."""
import re, sys

def convert(path, table):
    lines = open(path, encoding="utf-8").read().split("\n")
    out, names, i = [], [], 0
    start = re.compile(r'^(\s*)public const string (\w+) =(.*)$')
    while i < len(lines):
        m = start.match(lines[i])
        if not m:
            out.append(lines[i]); i += 1; continue
        indent, name, rest = m.groups()
        chunk = [rest]
        while True:
            text = "\n".join(chunk)
            if text.rstrip().endswith(";") and text.count('"""') % 2 == 0:
                break
            i += 1
            chunk.append(lines[i])
        text = "\n".join(chunk).rstrip()
        assert text.endswith(";")
        expr = text[:-1]
        out.append(f"{indent}public static string {name} =>{expr.rstrip()[0:0]}")
        out[-1] = f"{indent}public static string {name} => UiLanguage.Pick({expr.strip()}, {table}.{name});"
        names.append(name)
        i += 1
    body = "\n".join(out)
    if names and "using Wright.Core.Localization;" not in body:
        body = "using Wright.Core.Localization;\n" + body
    open(path, "w", encoding="utf-8").write(body)
    return names

if __name__ == "__main__":
    table = sys.argv[1]
    for p in sys.argv[2:]:
        for n in convert(p, table):
            print(f"{p}\t{n}")
