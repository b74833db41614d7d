from .event_types import EventType
from .pages import EventAttachment, EventIndexPage, EventPage, EventPageQuerySet
from .registrations import Registration

__all__ = ["EventAttachment", "EventIndexPage", "EventPage", "EventPageQuerySet", "EventType", "Registration"]
