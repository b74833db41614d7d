from django.contrib.auth.models import User, UserManager

MEMBERS_GROUP_NAME = "Mitglieder"


class MemberManager(UserManager):
    """Only members: people in the group "Mitglieder" without any admin access."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(groups__name=MEMBERS_GROUP_NAME, is_superuser=False, is_staff=False)
            .exclude(groups__permissions__codename="access_admin")
            .distinct()
        )


class Member(User):
    """A member of the Interner Bereich, as editors see and manage them in the admin.

    A proxy of Django's user so that editors get exactly the rights they need (create, edit,
    deactivate members) and never the rights of Wagtail's user admin (which could grant admin
    access or make someone a superuser).
    """

    objects = MemberManager()

    class Meta:
        proxy = True
        verbose_name = "Mitglied"
        verbose_name_plural = "Mitglieder"
        ordering = ["last_name", "first_name", "username"]
