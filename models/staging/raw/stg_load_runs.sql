select
    run_id,
    started_at,
    finished_at,
    status as run_status,
    loader_version,
    extractor_version,
    duckdb_version,
    input_paths,
    files_seen,
    files_loaded,
    files_unchanged,
    files_rejected,
    facts_loaded,
    message as run_message
from {{ source('raw', 'load_runs') }}
