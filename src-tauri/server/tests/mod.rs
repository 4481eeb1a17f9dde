//! Tests of the LAN server.
