"""Pure functions of (treaty, day) to answers: status, expiry, extension, withdrawal, deadlines.

May import the model and the foundations (dates, errors); never the loader, the outputs or the CLI.
"""
