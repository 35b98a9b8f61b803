"""Reading and checking data files: YAML, validation with lines, cross-checks, the store.

May import the model, the rules (whose definitions the checks reuse) and the foundations.
"""
