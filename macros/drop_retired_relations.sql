{#- Before a build: a table or view in one of the models' schemas that no model or seed of
    this project makes any more (a model since removed or renamed) is dropped, so an
    analyst never reads a stale relation that the build no longer keeps up to date. The
    schemas are the project's own (staging, intermediate, marts, reference): nothing else
    should live there. -#}
{% macro drop_retired_relations() %}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set kept = [] -%}
        {%- set schemas = [] -%}
        {%- for node in graph.nodes.values() if node.resource_type in ('model', 'seed', 'snapshot') -%}
            {%- do kept.append((node.schema ~ '.' ~ node.alias) | lower) -%}
            {%- if node.schema not in schemas -%}{%- do schemas.append(node.schema) -%}{%- endif -%}
        {%- endfor -%}
        {%- set found = run_query(
            "select table_schema, table_name, table_type from information_schema.tables "
            ~ "where table_catalog = current_database() and table_schema in ('"
            ~ schemas | join("', '") ~ "')"
        ) -%}
        {%- for row in found if (row[0] ~ '.' ~ row[1]) | lower not in kept -%}
            {{ log('dropping ' ~ row[0] ~ '.' ~ row[1] ~ ': no model of this project makes it any more', info=True) }}
            drop {{ 'view' if row[2] == 'VIEW' else 'table' }} if exists "{{ row[0] }}"."{{ row[1] }}";
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
