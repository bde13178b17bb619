"""The Costs tab: budget, realised costs, follow-up and payment claims."""
