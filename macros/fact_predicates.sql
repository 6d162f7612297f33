{#- The non-yuan side of a two-currency amount ("8 billion yuan (US$1.18 billion)"): the
    yuan side speaks for both, so story counts and the scorecard leave this side out. -#}
{% macro is_other_currency_side() -%}
    (kind = 'money' and unit <> 'CNY' and equivalent_fact_id is not null)
{%- endmacro %}
