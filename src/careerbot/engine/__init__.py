"""The answer engine: understand a question, retrieve and choose facts, calculate, compose, guard."""
