"""The shared kernel: money, errors, ids, clock, idempotency. Imports no bounded context."""
