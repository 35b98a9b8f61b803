"""Turning answers into text, JSON, tables, calendars, charts and files.

May import the answers, the rules and the foundations; never the loader or the CLI.
"""
