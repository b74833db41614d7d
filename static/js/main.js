// Progressive enhancement only: without JavaScript the menu is simply shown expanded.
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
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
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                toggle.setAttribute("aria-expanded", "false");
                nav.classList.remove("is-open");
                toggle.focus();
            }
        });
    });
})();
