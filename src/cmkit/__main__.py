"""`python -m cmkit` runs the command line."""

from cmkit.cli.app import main

main()
