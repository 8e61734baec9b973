"""Everything computed from a checked review: the translation order, the translation tables,
the findings, how the studies are related, the concept graphs and the suggestions.

Pure functions from data to data: no files, no terminal, no Markdown. May import
`metaethno.review` only (and `checks` where a result needs a check's verdict).
"""
