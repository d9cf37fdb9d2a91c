"""Vocabularies and gazetteers as data files, with their loaders."""
