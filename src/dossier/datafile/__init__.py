"""The YAML data file both ways: locating files, reading them (bytes, YAML events,
positions), validation with Pydantic, the cache, the schema, the starter file."""
