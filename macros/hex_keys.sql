{#- A hexadecimal hash id as a 128-bit integer, for grouping and joining millions of rows:
    a fixed-width number hashes and compares faster than a string and takes half the
    memory, and a hex id of at most 32 digits keeps its order (its ids all have the same
    width). A longer id (an article's 64-digit SHA-256) is keyed by its first 32 digits:
    two articles sharing them is as likely as a collision of a 128-bit hash. -#}
{% macro hex_key(column) -%}
    ('0x' || left({{ column }}, 32))::uhugeint
{%- endmacro %}
