"""gRPC servicers: protobuf messages in and out, domain objects inside, errors mapped to
status codes in one place. No logic of their own."""
