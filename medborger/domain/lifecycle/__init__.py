"""State machines, thresholds and deadlines of the participation processes, as plain functions.

Every function that depends on time takes `now` (or `today`) as an argument; nothing reads the
clock, so tests move time by passing another value.
"""
