"""A smoke journey over HTTP against the production topology; `.ci/run` runs it, pytest does not
(see run.py)."""
