"""`python -m cmkit` runs the command line."""

from cmkit.cli.entry import main

main()
