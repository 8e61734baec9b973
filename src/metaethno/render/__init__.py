"""Every output format: Markdown building blocks, Mermaid, DOT/GraphML, terminal tables,
CSV and JSON rows, xlsx, REFI-QDA, the report (as Markdown, and from it as a web page and in
Word, with the diagrams drawn as SVG and PNG), the diagnostics of `check`, and `output`, the
one module that writes files.

Reads analysis results and the review's models, never the review's files. May import
`analysis`, `checks` and `review`.
"""
