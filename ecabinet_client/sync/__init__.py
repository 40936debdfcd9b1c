"""Client side of sync: local store, mutation outbox, sync engine, blobs and the facade the UI uses.

Plain Python, no Qt. Start with :class:`ecabinet_client.sync.client.Client` (docs/client-api.md).
"""
