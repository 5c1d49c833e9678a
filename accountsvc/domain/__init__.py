"""The domain: accounts, contacts, privacy and lint policy, in plain Python (no gRPC)."""
