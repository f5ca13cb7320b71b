"""piagam: client charter reports in, validated Parquet out."""

__version__ = "0.3.0"
