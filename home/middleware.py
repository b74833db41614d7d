"""``Cache-Control: private, no-store`` for every response that depends on who is asking.

The decision is ``home.response_privacy``; this middleware only writes it into the response.
"""

from home import response_privacy

# Kept for callers that mark responses by this name; it is response_privacy's one writer.
mark_private = response_privacy.depends_on_visitor


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail's file serving copies a missing encoding as the text "None"; no encoding is meant.
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        return response_privacy.finalise(request, response)
