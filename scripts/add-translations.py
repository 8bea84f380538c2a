#!/usr/bin/env python3
"""Adds bokmål → English pairs (a TSV: bokmål<TAB>English) to Resources/SharedResource.en.resx.

Keys are the bokmål texts the views pass to T[...]; an existing key keeps its translation.
Usage: scripts/add-translations.py translations.tsv
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

RESX = "src/Erasmus.Web/Resources/SharedResource.en.resx"

def main(path):
    root = ET.parse(RESX).getroot()
    have = {d.get("name") for d in root.findall("data")}
    pairs = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        nb, en = line.split("\t", 1)
        if nb not in have:
            have.add(nb)
            pairs.append((nb, en))
    text = open(RESX, encoding="utf-8").read()
    entries = "".join(f'  <data name={quoteattr(nb)} xml:space="preserve"><value>{escape(en)}</value></data>\n' for nb, en in pairs)
    text = text.replace("</root>", entries + "</root>")
    open(RESX, "w", encoding="utf-8").write(text)
    print(f"added {len(pairs)} translations")

if __name__ == "__main__":
    main(sys.argv[1])
