"""piagam: client charter reports in, validated Parquet out."""

__version__ = "0.2.0"
