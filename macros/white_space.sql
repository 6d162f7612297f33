{#- Runs of white space in `text` collapsed to one space, as regexp_replace(text, '\s+', ' ', 'g').
    The regex runs only on a text it could change: one with two spaces together or another
    white-space character (RE2's \s is tab, line feed, form feed, carriage return and space).
    Few contexts of a fact have either: hashing eleven million contexts took 21 s with the
    regex on every one, 5 s with these checks first (same hashes). -#}
{% macro collapse_white_space(text) -%}
    case
        when
            contains({{ text }}, '  ')
            or contains({{ text }}, chr(9))
            or contains({{ text }}, chr(10))
            or contains({{ text }}, chr(12))
            or contains({{ text }}, chr(13))
            then regexp_replace({{ text }}, '\s+', ' ', 'g')
        else {{ text }}
    end
{%- endmacro %}
