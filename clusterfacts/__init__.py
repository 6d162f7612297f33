"""clusterfacts: industrial-cluster facts from news, landed in DuckDB."""

from clusterfacts.native import use_compiled_modules

__version__ = "0.1.0"

# Before any submodule is imported: the extractor's modules then load compiled where a current build exists.
COMPILED = use_compiled_modules(__path__)
