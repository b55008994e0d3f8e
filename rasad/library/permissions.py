"""Who may do what with a collection. Invisible collections are 404 in the views."""

from __future__ import annotations

from rasad.access.models import Membership
from rasad.library.models import Collection


def can_manage_collection(user, collection: Collection) -> bool:
    """Rename or delete: the owner; for a team collection also the team's manager."""
    if collection.owner_id == user.pk:
        return True
    if collection.organisation_id is None:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=collection.organisation_id, role=Membership.Role.MANAGER
    ).exists()
