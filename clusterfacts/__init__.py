"""clusterfacts: industrial-cluster facts from news, landed in DuckDB."""

__version__ = "0.1.0"
