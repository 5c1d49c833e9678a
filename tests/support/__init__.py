"""Real servers for the tests to talk to."""
