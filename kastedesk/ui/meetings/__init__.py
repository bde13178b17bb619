"""The Meetings tab: meetings of a group, their agenda items, attendance and minutes."""
