"""Deployment: the front server's configuration (nginx), rendered for tests and containers."""
