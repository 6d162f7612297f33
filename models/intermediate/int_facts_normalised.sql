{{ config(materialized='view') }}

-- every extracted fact with its story, analysts' corrections applied, and its value in
-- yuan and in dollars (macros/normalised_facts.sql, which int_facts_deduplicated also
-- runs on the facts of the stories it rebuilds). a view, for analysts and tests
{{ normalised_facts(ref('int_facts_in_context')) }}
