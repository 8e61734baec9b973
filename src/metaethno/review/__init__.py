"""The review format and its reading: the models, the YAML event reader, the loader, the
mapping of schema errors to positions, the JSON Schema, and the small values every layer
shares (diagnostics, rules, ids, citations, the wording of the appraisal instruments).

The bottom layer: imports nothing else of metaethno. Kept empty, so that importing one
module (as the CLI does at start-up) loads nothing more.
"""
