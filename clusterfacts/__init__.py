"""clusterfacts: industrial-cluster facts from news, landed in DuckDB.

  extract/     text to facts, one article at a time (pipeline.analyse)
  load/        files to the raw tables, in batches over worker processes
  marts/       dbt over the raw tables, and the status, exports and report that read the marts
  records.py   the typed rows an article lands as, which define the raw tables' columns
  warehouse.py the raw layer's schema and connections
  config.py    every setting, read once
  cli.py       the command line over all of it
"""

__version__ = "0.1.0"
