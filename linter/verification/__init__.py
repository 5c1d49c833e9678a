"""Whether domains accept mail, asked over DNS: the only part of the linter that touches
the network. `verifier` holds the rules and the cache, `transport` the sockets, `wire`
the messages."""

from linter.model import DomainCheck, MailStatus
from linter.verification.verifier import DomainVerifier, ResolverSettings, parse_nameserver

__all__ = ["DomainCheck", "DomainVerifier", "MailStatus", "ResolverSettings", "parse_nameserver"]
