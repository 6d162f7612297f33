-- the raw tables' primary keys, which make stg_load_runs.run_id, stg_articles.article_id
-- and stg_source_files.source_path unique and not null: checking the constraint is in
-- place costs nothing, where scanning the keys every build does. fact ids have no key
-- (clusterfacts/warehouse.py says why); they are unique by construction, and fct_facts
-- tests the ids of the facts it has not tested yet. a row here is a key the warehouse
-- no longer enforces
with expected_keys as (
    select
        'load_runs' as table_name,
        'run_id' as column_name
    union all
    select
        'articles' as table_name,
        'content_hash' as column_name
    union all
    select
        'source_files' as table_name,
        'source_path' as column_name
),

enforced_keys as (
    select
        table_name,
        constraint_column_names[1] as column_name
    from duckdb_constraints()
    where
        database_name = current_database()
        and schema_name = 'raw'
        and constraint_type = 'PRIMARY KEY'
        and len(constraint_column_names) = 1
)

select expected_keys.*
from expected_keys
left join enforced_keys
    on
        expected_keys.table_name = enforced_keys.table_name
        and expected_keys.column_name = enforced_keys.column_name
where enforced_keys.table_name is null
