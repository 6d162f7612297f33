select
    run_id,
    batch_number,
    validated_at,
    batch_passed,
    expectation,
    column_name,
    passed,
    unexpected_count,
    unexpected_fact_ids,
    details as expectation_arguments
from {{ source('raw', 'fact_validations') }}
