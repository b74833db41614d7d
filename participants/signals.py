"""Keep members' groups in line with Kommune, ring and account state (see ``participants.rings``)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from participants import rings
from participants.models import Kommune, MemberProfile, Vergleichsring

User = get_user_model()


@receiver(post_save, sender=Vergleichsring, dispatch_uid="participants_ring_saved")
def ring_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    rings.ensure_ring(instance)


@receiver(pre_save, sender=Kommune, dispatch_uid="participants_kommune_pre_save")
def remember_kommune_ring(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._blok_old_ring_id = None
        return
    instance._blok_old_ring_id = (
        sender.objects.filter(pk=instance.pk).values_list("vergleichsring_id", flat=True).first()
    )


@receiver(post_save, sender=Kommune, dispatch_uid="participants_kommune_saved")
def kommune_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    if getattr(instance, "_blok_old_ring_id", None) != instance.vergleichsring_id:
        rings.sync_kommune_members(instance)


@receiver(pre_save, sender=MemberProfile, dispatch_uid="participants_profile_pre_save")
def remember_profile_kommune(sender, instance, raw=False, **kwargs):
    old = sender.objects.filter(pk=instance.pk).values_list("kommune_id", flat=True).first() if instance.pk else None
    instance._blok_old_kommune_id = old


@receiver(post_save, sender=MemberProfile, dispatch_uid="participants_profile_saved")
def profile_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    changed = rings.sync_member(instance.user)
    if not changed and not created and instance._blok_old_kommune_id != instance.kommune_id:
        # Another Kommune in the same ring: still a new person as far as the calendar goes.
        rings.revoke_calendar_token(instance)


def _remember_active(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._blok_was_active = None
        return
    instance._blok_was_active = sender._base_manager.filter(pk=instance.pk).values_list("is_active", flat=True).first()


def _account_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    was_active = getattr(instance, "_blok_was_active", None)
    if was_active is None or was_active == instance.is_active:
        return
    rings.sync_member(instance)
    if not instance.is_active:
        profile = MemberProfile.objects.filter(user=instance).first()
        if profile is not None:
            rings.revoke_calendar_token(profile)


# The member admin saves the proxy model ``home.Member``: listen for both senders.
for _sender in {User, *(m for m in User.__subclasses__() if m._meta.proxy)}:
    pre_save.connect(_remember_active, sender=_sender, dispatch_uid=f"participants_active_pre_{_sender.__name__}")
    post_save.connect(_account_saved, sender=_sender, dispatch_uid=f"participants_active_post_{_sender.__name__}")
