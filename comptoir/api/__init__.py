"""The HTTP edge shared by every context's router: dependencies, auth, problems, bounded fields."""
