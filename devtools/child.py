"""A child process that a test or benchmark starts and must always stop (a context manager)."""

import subprocess


class ChildProcess:
    """Base of the servers devtools starts: start() sets self.process and returns self."""

    process = None

    def start(self):
        raise NotImplementedError

    def stop(self):
        """Terminate the child; kill it if it has not ended within 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
