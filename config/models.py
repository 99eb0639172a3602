"""No models: config is an app only so that `migrate` creates the database cache tables (config.apps)."""
