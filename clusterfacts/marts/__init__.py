"""The marts and what reads them: building runs dbt over the raw tables, status says what
the warehouse holds, exporting writes the marts as files, reporting (with charts) draws
a static site of them.
"""
