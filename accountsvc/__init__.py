"""The account service (see DESIGN.md); the gRPC API arrives with issue 4."""
