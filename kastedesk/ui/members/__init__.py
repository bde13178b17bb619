"""The Members tab: projects, groups, people and their memberships."""
