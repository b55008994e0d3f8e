"""Benchmarks and load tests (not tests): see the README's Performance section."""
