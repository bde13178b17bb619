"""The Evaluation tab: the matrix grid, framework editing, summaries and comparison."""
