"""Files to the warehouse's raw tables: a load run.

discovery (the files under the paths named) → documents (a file's bytes, or why not) →
reading (a chunk of files analysed in a worker process, as Arrow) → validation (Great
Expectations on each batch of facts) → loading (batches landed in one transaction each,
every file accounted for); progress shows how far it has got.
"""
