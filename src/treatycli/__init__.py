"""treatycli: answers about international treaties from a dataset where every fact is sourced."""

__version__ = "0.1.0"
