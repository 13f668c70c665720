"""House rules per receiver: quiet time, bedtime, wake, volume caps, a daily limit, content.

The engine is pure (`schedule`, `instant`, `listening`: no database, the time passed in);
`store`, `enforce` and `report` apply it to devices, commands and play reports.
"""
