"""Rendering a playbook as the documents people read: the charter, the onboarding guide, the handout."""
