{#- Documents never change (raw is keyed by the sha256 of the file), so a model whose rows
    depend on one document alone only needs the documents it has not seen: the nightly adds one
    document without re-reading the rest. `budgetwh build` rebuilds everything in full when the
    project itself (models, macros, seeds) has changed since the last build. -#}
{% macro only_new_documents(document_column='document_id') %}
    {%- if is_incremental() %}
    and {{ document_column }} not in (select distinct document_id from {{ this }})
    {%- endif %}
{% endmacro %}
