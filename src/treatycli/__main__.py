"""Allow ``python -m treatycli``."""

from treatycli.cli import main

main()
