"""Word documents (agenda, minutes), calendar invitations and agenda e-mail drafts.

The builders work on the plain content in :mod:`kastedesk.documents.content`,
so they know nothing of the database; ``services.meeting_documents`` fills it.
"""
