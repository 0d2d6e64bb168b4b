enum _PlaceholderTernTestKit {}
