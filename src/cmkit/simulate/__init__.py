"""Walk a scenario's events through a playbook: decisions, referents' replies, deadlines, crises."""
