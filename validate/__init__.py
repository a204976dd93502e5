"""The accounting identities as great-expectations suites."""
