{#- After a build, name the rows behind every failed data test, so a wrong number is
    traceable to its fact without opening the warehouse. Tests store their failures. -#}
{% macro report_test_failures(results) %}
    {% if execute %}
        {#- an errored test stored nothing: its message says what went wrong -#}
        {% for result in results if result.node.resource_type == 'test' and result.status == 'fail' %}
            {% if result.node.relation_name %}
                {% set rows = run_query('select * from ' ~ result.node.relation_name ~ ' limit 20') %}
                {% for row in rows %}
                    {{ log('FAILED ' ~ result.node.name ~ ': ' ~ row.values() | join(' | '), info=True) }}
                {% endfor %}
            {% endif %}
        {% endfor %}
    {% endif %}
{% endmacro %}
