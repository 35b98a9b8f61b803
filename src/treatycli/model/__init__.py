"""The dataset's shapes: treaties, rules, events (Pydantic). Imports only the foundations."""
