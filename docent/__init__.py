"""docent: a cited Q&A assistant over your own documents."""
