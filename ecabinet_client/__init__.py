"""eCabinet: an offline-first paperless meeting room (phòng họp không giấy)."""

__version__ = "0.1.0"
