"""cmkit: a community-management charter, made executable."""

__version__ = "0.1.0"
