"""Text to facts, one article at a time: `pipeline.analyse` is the path every article takes.

decoding (bytes to text) → html_text (a page's main content) → visible_text (the text
the rules read) → layout (title, date, credit, body) → vocabulary and gazetteer (the
words and names found in one pass) → quantities (the number grammar) → linking (what
each quantity measures, where, when) → extraction (typed `records.Fact`s with stable ids).
reference reads the vocabularies from the dbt seeds; fingerprints tell copies of a story.
The modules an article spends its time in are compiled with mypyc (clusterfacts/native.py).
"""

from clusterfacts.native import use_compiled_modules

# Before any of this package's modules is imported: they then load compiled where a current build exists.
COMPILED = use_compiled_modules(__path__, "extract")
