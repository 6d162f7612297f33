{#- Before a build: the loader's raw tables must exist. Without them every staging view
    fails with a catalog error that does not say why; this names the cause and the fix.
    `dbt seed` needs no raw tables and is let through. -#}
{% macro require_loaded_warehouse() %}
    {%- if execute and flags.WHICH != 'seed' -%}
        {%- set found = run_query(
            "select count(*) from information_schema.tables "
            ~ "where table_schema = 'raw' and table_name = 'articles'"
        ) -%}
        {%- if found.columns[0].values()[0] == 0 -%}
            {{ exceptions.raise_compiler_error(
                "the warehouse " ~ target.path ~ " holds no loaded articles (no raw.articles): "
                ~ "run `clusterfacts load PATH` (or `make warehouse`) first"
            ) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
