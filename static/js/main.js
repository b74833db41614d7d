// Progressive enhancement only: without JavaScript the menu is simply shown expanded.
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
    document.addEventListener("DOMContentLoaded", function () {
        // After a failed submit the error summary takes the focus, so it is read first.
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
    });
    // Phones: the search form opens behind its button and takes the focus.
    document.addEventListener("DOMContentLoaded", function () {
        var toggle = document.querySelector(".search-toggle");
        var form = document.getElementById("site-search");
        var header = document.querySelector(".site-header");
        if (!toggle || !form || !header) {
            return;
        }
        toggle.hidden = false;
        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            header.classList.toggle("site-header--search-open", open);
        }
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") !== "true";
            setOpen(open);
            if (open) {
                form.querySelector("input").focus();
            }
        });
        form.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                toggle.focus();
            }
        });
    });
    document.addEventListener("DOMContentLoaded", function () {
        var toggle = document.querySelector(".menu-toggle");
        var nav = document.getElementById("hauptnavigation");
        if (!toggle || !nav) {
            return;
        }
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", open ? "false" : "true");
            nav.classList.toggle("is-open", !open);
            toggle.closest(".site-header").classList.toggle("site-header--menu-open", !open);
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                toggle.setAttribute("aria-expanded", "false");
                nav.classList.remove("is-open");
                toggle.closest(".site-header").classList.remove("site-header--menu-open");
                toggle.focus();
            }
        });
    });
})();
