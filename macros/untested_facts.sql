{#- Tests on fct_facts look at the rows not yet tested: the stories rebuilt since the last
    build whose tests on fct_facts all passed. Generic tests say so in their `where` config
    (models/marts/_marts.yml), which may read vars but not macros, so the predicate is
    written there from the same vars; tests of our own call facts_not_yet_tested(). A story is rebuilt whole, so checks across
    one story's rows stay exact; rows already tested are unchanged since (an incremental
    build rewrites only the stories it rebuilds), and a failing build records nothing, so
    its rows are tested again by the next build until they pass.
    `--vars '{test_all_facts: true}'` tests every row; a full refresh rebuilds, and so
    tests, every row. -#}

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


{#- After a build: when every test on fct_facts ran and passed, the rows built so far are
    tested, those held back from it by the checks on facts included. -#}
{% macro record_tested_facts(results) %}
    {% if execute %}
        {% set facts_tests = [] %}
        {% for node in graph.nodes.values() if node.resource_type == 'test'
            and 'model.clusterfacts.fct_facts' in node.depends_on.nodes %}
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
