enum _PlaceholderTernCommands {}
