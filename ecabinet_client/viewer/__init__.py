"""The document viewer (trình xem tài liệu): ``document`` and ``annotations``/``export`` are plain Python;
``render``, ``view`` and ``widget`` are the Qt front end. Run standalone: ``python -m ecabinet_client.viewer``.
"""
