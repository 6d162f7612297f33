{#- Tests on fct_facts and the key tests of the large models look at the rows not yet
    tested, not at every row: the facts rebuilt since the last build whose tests on them all
    passed (facts_not_yet_tested), and the rows of the load runs since then
    (runs_not_yet_tested). Generic tests say so in their `where` config
    (models/marts/_marts.yml), which may read vars but not macros, so the predicate is
    written there from the same vars; tests of our own call these macros. A story is
    rebuilt whole, so checks across one story's rows stay exact; rows already tested are
    unchanged since (an incremental build rewrites only the stories it rebuilds, and a load
    run's rows are final once it ends), and a failing build records nothing, so its rows are
    tested again by the next build until they pass.
    `--vars '{test_all_facts: true}'` tests every row; a full refresh rebuilds, and so
    tests, every fact. -#}

{% macro tested_facts_table() -%}
    {{ var('tested_facts_table') }}
{%- endmacro %}


{% macro create_tested_facts_table() %}
    create schema if not exists test_failures;
    create table if not exists {{ tested_facts_table() }} (
        facts_built_through timestamp with time zone not null,
        recorded_at timestamp with time zone not null
    );
{% endmacro %}


{% macro facts_not_yet_tested(built_at='built_at') -%}
    {%- if var('test_all_facts') -%}
        true
    {%- else -%}
        {{ built_at }} > (
            select coalesce(max(facts_built_through), '-infinity'::timestamp with time zone)
            from {{ tested_facts_table() }}
        )
    {%- endif -%}
{%- endmacro %}


{#- True when every row is untested (no build recorded yet, or test_all_facts): a test
    then scans its model once instead of finding the untested rows first. Read as the test
    runs; without the table (a compile, which runs no hooks) it says false. -#}
{% macro no_rows_tested_yet() -%}
    {%- if var('test_all_facts') -%}
        {{ return(true) }}
    {%- endif -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {#- dbt's relation cache predates the hook that creates the table, so the catalog is asked -#}
    {%- set schema_name, table_name = (tested_facts_table() | trim).split('.') -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables where table_catalog = current_database() "
        ~ "and table_schema = '" ~ schema_name ~ "' and table_name = '" ~ table_name ~ "'"
    ) -%}
    {%- if found.columns[0].values()[0] == 0 -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set recorded = run_query('select count(*) from ' ~ tested_facts_table()) -%}
    {{ return(recorded.columns[0].values()[0] == 0) }}
{%- endmacro %}


{% macro runs_not_yet_tested(run_id='run_id') -%}
    {%- if var('test_all_facts') -%}
        true
    {%- else -%}
        {{ run_id }} in (
            select load_runs.run_id
            from {{ ref('stg_load_runs') }} as load_runs
            -- runs start and end before a build (builds wait for loads); started_at is UTC
            where load_runs.started_at > (
                select coalesce(max(recorded_at) at time zone 'UTC', '-infinity'::timestamp)
                from {{ tested_facts_table() }}
            )
        )
    {%- endif -%}
{%- endmacro %}


{#- After a build: when every test on fct_facts and every key test of the rows not yet
    tested ran and passed, the rows built and loaded so far are tested, the facts held back
    by the checks on facts included. -#}
{% macro record_tested_facts(results) %}
    {% if execute %}
        {% set facts_tests = [] %}
        {% for node in graph.nodes.values() if node.resource_type == 'test'
            and ('model.clusterfacts.fct_facts' in node.depends_on.nodes
                 or (node.test_metadata and node.test_metadata.name == 'key_of_untested_rows')) %}
            {% do facts_tests.append(node.unique_id) %}
        {% endfor %}
        {% set passed = [] %}
        {% for result in results if result.status == 'pass' %}
            {% do passed.append(result.node.unique_id) %}
        {% endfor %}
        {% set untested = facts_tests | reject('in', passed) | list %}
        {#- the hook's own SQL, which dbt runs and commits -#}
        {% if facts_tests and not untested %}
            {#- the table behind fct_facts, whose held-back rows were checked too -#}
            insert into {{ tested_facts_table() }}
            select max(built_at), now() from {{ graph.nodes['model.clusterfacts.int_facts_deduplicated'].relation_name }}
            having max(built_at) is not null
        {% endif %}
    {% endif %}
{% endmacro %}
