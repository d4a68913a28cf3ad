"""Decide a message: normalise, match topics, apply the crisis and precedence rules."""
