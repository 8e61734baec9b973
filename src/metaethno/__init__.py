"""metaethno: meta-ethnography as data: check, translate and report a qualitative evidence synthesis."""

__version__ = "0.1.0"
