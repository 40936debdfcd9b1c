"""Live-meeting mutation handlers: check-in, attendance, votes, speaker queue, transcript, opinions,
conclusions, opinion polls. (Registered on import by ``app.py``.)"""
