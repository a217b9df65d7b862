"""Participatory budgeting rules that need no database: ballot validation and the ballot log."""
