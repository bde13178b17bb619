"""The Feedback tab: results with charts, form templates and the fast entry view."""
