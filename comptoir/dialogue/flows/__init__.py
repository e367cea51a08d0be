"""Dialogue flows: what the bot does for each kind of request, one module per journey."""
