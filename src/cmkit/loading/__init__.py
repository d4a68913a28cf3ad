"""From a file on disk to a validated model, with a position for every node."""
