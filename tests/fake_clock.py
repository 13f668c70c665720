"""Moving a server's clock (FAKE_CLOCK_FILE) from a test.

The live server reads the file every rules tick, in another process. Writing it in place
truncates it first, and a tick that reads the empty file in that instant judges the rules at
the real time instead (a week's test saw a quiet-time pause at the CI machine's midnight), so
the instant is written beside the file and renamed over it: a reader sees the old instant or
the new one, never neither.
"""

import os


def set_clock(path, instant):
    """Make `path` say `instant` (a datetime or an ISO 8601 string) in one step."""
    text = instant if isinstance(instant, str) else instant.isoformat()
    staging = path.with_name(path.name + ".new")
    staging.write_text(text)
    os.replace(staging, path)
