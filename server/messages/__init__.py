"""Voice and text messages between a user's phones and each of their paired receivers."""
