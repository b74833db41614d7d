from .images import CustomImage, CustomRendition
from .legal import AccessibilityPage, ImpressumPage, PrivacyPage
from .members import Member
from .pages import HomePage, InternalAreaPage, StandardPage
from .sessions import UserSession
from .site_settings import SiteSettings

__all__ = [
    "AccessibilityPage",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "ImpressumPage",
    "InternalAreaPage",
    "Member",
    "PrivacyPage",
    "SiteSettings",
    "StandardPage",
    "UserSession",
]
