{#- After a build, name the rows behind every failed data test, so a wrong number is
    traceable to its fact without opening the warehouse, and the rows behind every warning
    (the facts held back from the marts). Tests store their failures. -#}
{% macro report_test_failures(results) %}
    {% if execute %}
        {#- an errored test stored nothing: its message says what went wrong -#}
        {% for result in results if result.node.resource_type == 'test' and result.status in ('fail', 'warn') %}
            {% if result.node.relation_name %}
                {% set label = 'FAILED ' if result.status == 'fail' else 'WARNING ' %}
                {% set rows = run_query('select * from ' ~ result.node.relation_name ~ ' limit 20') %}
                {% for row in rows %}
                    {{ log(label ~ result.node.name ~ ': ' ~ row.values() | join(' | '), info=True) }}
                {% endfor %}
            {% endif %}
        {% endfor %}
    {% endif %}
{% endmacro %}
