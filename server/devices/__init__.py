"""Playback devices (receivers): registration, pairing codes, ownership, queue and state."""
