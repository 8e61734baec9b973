"""What brings data into a review: references from reference managers, and the templates
that `init` and `new` write.

May import `render`, `analysis`, `checks` and `review`; only the CLI imports it.
"""
