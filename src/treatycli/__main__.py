"""Allow ``python -m treatycli``."""

from treatycli.entry import main

main()
